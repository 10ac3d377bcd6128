import { Client } from 'pg';

// PostgreSQL folds unquoted names to lower case and truncates them at 63 bytes. We only accept names that
// survive both unchanged, so the name a caller passes is the name they will find in pg_database.
const SAFE_IDENTIFIER = /^[a-z_][a-z0-9_]{0,62}$/;

// The database every PostgreSQL cluster has; CREATE/DROP DATABASE cannot run while connected to the target.
const MAINTENANCE_DATABASE = 'postgres';

// SQLSTATE codes we treat as "someone else already did it" when two processes race.
const DUPLICATE_DATABASE = '42P04';
const UNIQUE_VIOLATION = '23505';
const UNDEFINED_DATABASE = '3D000';

export function assertSafeIdentifier(name: string): string {
  if (!SAFE_IDENTIFIER.test(name)) {
    throw new Error(
      `Unsafe PostgreSQL identifier ${JSON.stringify(name)}: use 1-63 characters of a-z, 0-9 and _, not starting with a digit`,
    );
  }
  return name;
}

export function quoteIdentifier(name: string): string {
  return `"${assertSafeIdentifier(name)}"`;
}

/** The same server and credentials as `url`, pointing at database `name`. */
export function databaseUrl(url: string, name: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${encodeURIComponent(name)}`;
  return parsed.toString();
}

/** The database name a connection URL points at (PostgreSQL's default: the user name). */
export function databaseNameOf(url: string): string {
  const parsed = new URL(url);
  const name = decodeURIComponent(parsed.pathname.replace(/^\//, ''));
  return name || decodeURIComponent(parsed.username) || 'postgres';
}

/** Runs `work` on a short-lived client connected to the maintenance database of the server behind `url`. */
export async function withMaintenanceClient<T>(url: string, work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: databaseUrl(url, MAINTENANCE_DATABASE) });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function databaseExists(client: Client, name: string): Promise<boolean> {
  const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
  return (result.rowCount ?? 0) > 0;
}

/** Creates database `name` on the server behind `url` unless it exists. Returns true if this call created it. */
export async function ensureDatabase(url: string, name: string): Promise<boolean> {
  const quoted = quoteIdentifier(name);
  return withMaintenanceClient(url, async (client) => {
    if (await databaseExists(client, name)) return false;
    try {
      await client.query(`CREATE DATABASE ${quoted}`);
      return true;
    } catch (error: unknown) {
      // Another instance created it between our check and our CREATE: the outcome we wanted.
      if (isPostgresError(error, DUPLICATE_DATABASE, UNIQUE_VIOLATION)) return false;
      throw error;
    }
  });
}

/**
 * Drops database `name` if it exists. FORCE terminates sessions still connected to it (a test's leaked
 * pool must not turn a cleanup into a failure); PostgreSQL 13+ understands it. A template database is
 * demoted first, because PostgreSQL refuses to drop one.
 */
export async function dropDatabase(url: string, name: string): Promise<void> {
  const quoted = quoteIdentifier(name);
  await withMaintenanceClient(url, async (client) => {
    await client.query(`ALTER DATABASE ${quoted} WITH IS_TEMPLATE false`).catch((error: unknown) => {
      if (!isPostgresError(error, UNDEFINED_DATABASE)) throw error;
    });
    await client.query(`DROP DATABASE IF EXISTS ${quoted} WITH (FORCE)`);
  });
}

export function isPostgresError(error: unknown, ...codes: string[]): boolean {
  if (typeof error !== 'object' || error === null || !('code' in error)) return false;
  const { code } = error;
  return typeof code === 'string' && codes.includes(code);
}
