import { Client } from 'pg';
import type { MigrationInterface, QueryRunner } from 'typeorm';
import { resolvePostgres, type PostgresHandle } from '@welkom/infrastructure';
import { databaseUrl, dropDatabase, withMaintenanceClient } from '@welkom/persistence';
import { cloneTestDatabase, prepareTemplateDatabase, type TestDatabase } from '../src/template-database';

class CreateNote1735000000001 implements MigrationInterface {
  name = 'CreateNote1735000000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('CREATE TABLE note (id serial PRIMARY KEY, body text NOT NULL)');
    await queryRunner.query(`INSERT INTO note (body) VALUES ('seeded by migration')`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE note');
  }
}

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

async function databaseFlags(url: string, name: string): Promise<{ datistemplate: boolean; datallowconn: boolean } | undefined> {
  return withMaintenanceClient(url, async (client) => {
    const result = await client.query('SELECT datistemplate, datallowconn FROM pg_database WHERE datname = $1', [name]);
    return result.rows[0];
  });
}

describe('template databases', () => {
  jest.setTimeout(60_000);

  // One template per test process, so parallel runs of this spec never rebuild each other's template.
  const templateName = `welkom_it_template_${process.pid}`;
  let postgres: PostgresHandle;
  const clones: TestDatabase[] = [];

  beforeAll(async () => {
    postgres = await resolvePostgres();
  });

  afterAll(async () => {
    for (const clone of clones) await clone.drop();
    if (postgres) await dropDatabase(postgres.url, templateName);
    await postgres?.stop();
  });

  async function clone(): Promise<TestDatabase> {
    const database = await cloneTestDatabase(postgres.url, templateName);
    clones.push(database);
    return database;
  }

  it('migrates the template once and freezes it against connections', async () => {
    const template = await prepareTemplateDatabase({
      baseUrl: postgres.url,
      templateName,
      migrations: [CreateNote1735000000001],
      entities: [],
    });

    expect(template).toEqual({ name: templateName, appliedMigrations: ['CreateNote1735000000001'] });
    expect(await databaseFlags(postgres.url, templateName)).toEqual({ datistemplate: true, datallowconn: false });
    await expect(query(databaseUrl(postgres.url, templateName), 'SELECT 1')).rejects.toThrow(/not currently accepting connections/);
  });

  it('gives each clone the migrated schema and data, and keeps clones independent', async () => {
    const [first, second] = [await clone(), await clone()];
    expect(first.name).not.toBe(second.name);

    await query(first.url, `INSERT INTO note (body) VALUES ('only in the first clone')`);

    expect(await query(first.url, 'SELECT body FROM note ORDER BY id')).toEqual([
      { body: 'seeded by migration' },
      { body: 'only in the first clone' },
    ]);
    expect(await query(second.url, 'SELECT body FROM note ORDER BY id')).toEqual([{ body: 'seeded by migration' }]);
    expect(await query(second.url, 'SELECT name FROM migrations')).toEqual([{ name: 'CreateNote1735000000001' }]);
  });

  it('drops a clone, even while a connection is still open to it', async () => {
    const database = await clone();
    const leaked = new Client({ connectionString: database.url });
    leaked.on('error', () => undefined);
    await leaked.connect();

    await database.drop();

    expect(await databaseFlags(postgres.url, database.name)).toBeUndefined();
    await leaked.end().catch(() => undefined);
  });

  it('ends stray sessions inside the template instead of failing to clone', async () => {
    await withMaintenanceClient(postgres.url, (admin) =>
      admin.query(`ALTER DATABASE "${templateName}" WITH ALLOW_CONNECTIONS true`),
    );
    const stray = new Client({ connectionString: databaseUrl(postgres.url, templateName) });
    stray.on('error', () => undefined);
    await stray.connect();

    try {
      const database = await clone();
      expect(await query(database.url, 'SELECT count(*)::int AS n FROM note')).toEqual([{ n: 1 }]);
      await expect(stray.query('SELECT 1')).rejects.toThrow();
    } finally {
      await stray.end().catch(() => undefined);
      await withMaintenanceClient(postgres.url, (admin) =>
        admin.query(`ALTER DATABASE "${templateName}" WITH ALLOW_CONNECTIONS false`),
      );
    }
  });

  it('rebuilds the template from scratch when prepared again', async () => {
    const rebuilt = await prepareTemplateDatabase({
      baseUrl: postgres.url,
      templateName,
      migrations: [CreateNote1735000000001],
      entities: [],
    });

    expect(rebuilt.appliedMigrations).toEqual(['CreateNote1735000000001']);
    const database = await clone();
    expect(await query(database.url, 'SELECT count(*)::int AS n FROM note')).toEqual([{ n: 1 }]);
  });

  it('refuses names that are not plain lower-case identifiers', async () => {
    await expect(cloneTestDatabase(postgres.url, 'Robert"; DROP DATABASE postgres; --')).rejects.toThrow(/Unsafe/);
    await expect(
      prepareTemplateDatabase({ baseUrl: postgres.url, templateName: 'x'.repeat(41), migrations: [], entities: [] }),
    ).rejects.toThrow(/longer than 40/);
  });
});
