import { randomBytes } from 'node:crypto';
import type { Client } from 'pg';
import {
  assertSafeIdentifier,
  createDataSource,
  databaseUrl,
  dropDatabase,
  isPostgresError,
  migrationLockKey,
  quoteIdentifier,
  runMigrations,
  withMaintenanceClient,
  type DataSourceSettings,
} from '@welkom/persistence';

// Immich's medium tests, in our words: migrate once into a template, then hand every spec its own
// `CREATE DATABASE … TEMPLATE …` copy. Copying a small database is milliseconds; migrating is not.

// Leaves room for the clone suffix (`_p<pid>_<8 hex>`) inside PostgreSQL's 63-byte identifier limit.
const MAX_TEMPLATE_NAME_LENGTH = 40;
const OBJECT_IN_USE = '55006';
const CLONE_ATTEMPTS = 5;

export interface TemplateDatabaseSettings {
  /** Any database on the server; its credentials are used, its database name is not. */
  baseUrl: string;
  templateName: string;
  migrations: DataSourceSettings['migrations'];
  entities: DataSourceSettings['entities'];
}

export interface TemplateDatabase {
  name: string;
  /** Migration names applied to the template, in order. */
  appliedMigrations: string[];
}

export interface TestDatabase {
  name: string;
  url: string;
  drop(): Promise<void>;
}

/**
 * Rebuilds the template from nothing (drop if it exists, create, migrate) so each test run starts from
 * the migrations in the working tree, then freezes it: IS_TEMPLATE, ALLOW_CONNECTIONS false, and no
 * session left inside, because PostgreSQL refuses to copy a database someone is connected to.
 *
 * Call it once per run (a Jest globalSetup); calls for the same template are serialised by an advisory
 * lock, but a rebuild while another worker is cloning would still pull the template from under it.
 */
export async function prepareTemplateDatabase(settings: TemplateDatabaseSettings): Promise<TemplateDatabase> {
  const name = assertTemplateName(settings.templateName);
  const quoted = quoteIdentifier(name);
  const lockKey = migrationLockKey(`template:${name}`);

  return withMaintenanceClient(settings.baseUrl, async (admin) => {
    await admin.query('SELECT pg_advisory_lock($1::bigint)', [lockKey]);
    try {
      await dropStaleClones(admin, name);
      await dropDatabase(settings.baseUrl, name);
      await admin.query(`CREATE DATABASE ${quoted}`);
      const appliedMigrations = await migrate(settings, name);
      await admin.query(`ALTER DATABASE ${quoted} WITH IS_TEMPLATE true ALLOW_CONNECTIONS false`);
      await terminateConnections(admin, name);
      return { name, appliedMigrations };
    } finally {
      await admin.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey]);
    }
  });
}

/** A fresh database copied from the template, with a unique name; `drop()` removes it. */
export async function cloneTestDatabase(baseUrl: string, templateName: string): Promise<TestDatabase> {
  const template = assertTemplateName(templateName);
  const name = uniqueCloneName(template);
  await withMaintenanceClient(baseUrl, async (admin) => {
    for (let attempt = 1; ; attempt += 1) {
      // "source database … is being accessed by other users": a stray session (a psql, a leaked pool)
      // in the template blocks copying, and PostgreSQL waits 5 s before saying so. Nothing legitimate
      // works inside a template, so we end such sessions up front; one query, about a millisecond.
      await terminateConnections(admin, template);
      try {
        await admin.query(`CREATE DATABASE ${quoteIdentifier(name)} TEMPLATE ${quoteIdentifier(template)}`);
        return;
      } catch (error: unknown) {
        // A session slipped in between (only possible while the template allows connections).
        if (!isPostgresError(error, OBJECT_IN_USE) || attempt >= CLONE_ATTEMPTS) throw error;
        await delay(50 * attempt);
      }
    }
  });
  return { name, url: databaseUrl(baseUrl, name), drop: () => dropDatabase(baseUrl, name) };
}

async function migrate(settings: TemplateDatabaseSettings, name: string): Promise<string[]> {
  const dataSource = createDataSource({
    url: databaseUrl(settings.baseUrl, name),
    entities: settings.entities,
    migrations: settings.migrations,
    applicationName: 'welkom-test-template',
    poolSize: 2,
  });
  await dataSource.initialize();
  try {
    return await runMigrations(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

async function terminateConnections(admin: Client, database: string): Promise<void> {
  await admin.query(
    'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
    [database],
  );
}

/**
 * Clones left behind by test processes that died before `drop()` (a crash, a killed watch run). The
 * clone name records the creating PID, so we only touch clones whose process is gone from this machine,
 * and only those nobody is connected to (no FORCE).
 */
async function dropStaleClones(admin: Client, template: string): Promise<void> {
  const pattern = new RegExp(`^${template}_p(\\d+)_[0-9a-f]{8}$`);
  const result = await admin.query<{ datname: string }>('SELECT datname FROM pg_database');
  for (const { datname } of result.rows) {
    const pid = pattern.exec(datname)?.[1];
    if (pid === undefined || isAlive(Number(pid))) continue;
    await admin.query(`DROP DATABASE IF EXISTS ${quoteIdentifier(datname)}`).catch((error: unknown) => {
      if (!isPostgresError(error, OBJECT_IN_USE)) throw error;
    });
  }
}

function uniqueCloneName(template: string): string {
  return `${template}_p${process.pid}_${randomBytes(4).toString('hex')}`;
}

function assertTemplateName(name: string): string {
  assertSafeIdentifier(name);
  if (name.length > MAX_TEMPLATE_NAME_LENGTH) {
    throw new Error(`Template database name ${JSON.stringify(name)} is longer than ${MAX_TEMPLATE_NAME_LENGTH} characters`);
  }
  return name;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}
