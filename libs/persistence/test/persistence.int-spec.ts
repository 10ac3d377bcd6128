import { randomBytes } from 'node:crypto';
import { Column, Entity, PrimaryGeneratedColumn, type DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { resolvePostgres, type PostgresHandle } from '@welkom/infrastructure';
import { createDataSource, databaseUrl, dropDatabase, ensureDatabase, inTransaction, runMigrations } from '../src';

@Entity({ name: 'greeting' })
class GreetingEntity {
  @PrimaryGeneratedColumn()
  id!: number;

  @Column({ type: 'text', unique: true })
  text!: string;
}

class CreateGreeting1735000000000 implements MigrationInterface {
  name = 'CreateGreeting1735000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // Slow enough that an unserialised second runner would read the same pending list and collide.
    await queryRunner.query('SELECT pg_sleep(0.3)');
    await queryRunner.query('CREATE TABLE greeting (id serial PRIMARY KEY, text text NOT NULL UNIQUE)');
    await queryRunner.query(`INSERT INTO greeting (text) VALUES ('hallo')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE greeting');
  }
}

describe('persistence against a real PostgreSQL', () => {
  jest.setTimeout(60_000);

  let postgres: PostgresHandle;
  const databases: string[] = [];
  const dataSources: DataSource[] = [];

  beforeAll(async () => {
    postgres = await resolvePostgres();
  });

  afterAll(async () => {
    await Promise.all(dataSources.filter((ds) => ds.isInitialized).map((ds) => ds.destroy()));
    for (const name of databases) await dropDatabase(postgres.url, name);
    await postgres?.stop();
  });

  async function freshDatabase(): Promise<string> {
    const name = `persistence_it_${randomBytes(4).toString('hex')}`;
    expect(await ensureDatabase(postgres.url, name)).toBe(true);
    databases.push(name);
    return databaseUrl(postgres.url, name);
  }

  async function connect(url: string, applicationName: string): Promise<DataSource> {
    const dataSource = createDataSource({
      url,
      entities: [GreetingEntity],
      migrations: [CreateGreeting1735000000000],
      applicationName,
    });
    dataSources.push(dataSource);
    return dataSource.initialize();
  }

  it('ensureDatabase creates a database once and reports that it already exists afterwards', async () => {
    const url = await freshDatabase();
    const name = new URL(url).pathname.slice(1);

    expect(await ensureDatabase(postgres.url, name)).toBe(false);
  });

  it('applies a migration exactly once when two instances migrate at the same time', async () => {
    const url = await freshDatabase();
    const [first, second] = await Promise.all([connect(url, 'persistence-it-a'), connect(url, 'persistence-it-b')]);

    const applied = await Promise.all([runMigrations(first), runMigrations(second)]);

    expect(applied.map((names) => names.length).sort()).toEqual([0, 1]);
    expect(applied.flat()).toEqual(['CreateGreeting1735000000000']);
    const tables = await first.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema = 'public' AND table_name = 'greeting'`,
    );
    expect(tables[0].n).toBe(1);
    const recorded = await first.query<{ name: string }[]>(`SELECT name FROM migrations`);
    expect(recorded).toEqual([{ name: 'CreateGreeting1735000000000' }]);
    expect(await first.getRepository(GreetingEntity).count()).toBe(1);
    const advisoryLocks = await first.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
    );
    expect(advisoryLocks[0].n).toBe(0);
    expect(await runMigrations(second)).toEqual([]);
  });

  describe('inTransaction', () => {
    let dataSource: DataSource;

    beforeAll(async () => {
      dataSource = await connect(await freshDatabase(), 'persistence-it-tx');
      await runMigrations(dataSource);
    });

    it('rolls back everything written when the work throws, and rethrows the error', async () => {
      let seenInside = 0;

      const attempt = inTransaction(dataSource, async (manager) => {
        await manager.insert(GreetingEntity, { text: 'doomed' });
        seenInside = await manager.countBy(GreetingEntity, { text: 'doomed' });
        throw new Error('work failed');
      });

      await expect(attempt).rejects.toThrow('work failed');
      expect(seenInside).toBe(1);
      expect(await dataSource.getRepository(GreetingEntity).countBy({ text: 'doomed' })).toBe(0);
    });

    it('commits when the work succeeds and returns its result', async () => {
      const saved = await inTransaction(dataSource, async (manager) => {
        const first = await manager.save(GreetingEntity, { text: 'goedemorgen' });
        await manager.save(GreetingEntity, { text: 'goedenavond' });
        return first.id;
      });

      const rows = await dataSource.getRepository(GreetingEntity).findBy([{ text: 'goedemorgen' }, { text: 'goedenavond' }]);
      expect(rows.map((row) => row.text).sort()).toEqual(['goedemorgen', 'goedenavond']);
      expect(rows.find((row) => row.text === 'goedemorgen')?.id).toBe(saved);
    });

    it('keeps a transaction isolated from other connections until it commits', async () => {
      let release!: () => void;
      const gate = new Promise<void>((resolveGate) => (release = resolveGate));
      let inserted!: () => void;
      const insertedSignal = new Promise<void>((resolveInserted) => (inserted = resolveInserted));

      const work = inTransaction(dataSource, async (manager) => {
        await manager.insert(GreetingEntity, { text: 'pending' });
        inserted();
        await gate;
      });
      await insertedSignal;
      const visibleBeforeCommit = await dataSource.getRepository(GreetingEntity).countBy({ text: 'pending' });
      release();
      await work;

      expect(visibleBeforeCommit).toBe(0);
      expect(await dataSource.getRepository(GreetingEntity).countBy({ text: 'pending' })).toBe(1);
    });
  });
});
