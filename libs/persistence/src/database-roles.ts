import { Client } from 'pg';
import type { QueryRunner } from 'typeorm';
import { assertSafeIdentifier, databaseUrl, isPostgresError, quoteIdentifier, withMaintenanceClient } from './database-admin';

// SQLSTATE codes of a role another process created between our check and our CREATE ROLE.
const DUPLICATE_OBJECT = '42710';
const UNIQUE_VIOLATION = '23505';

/** The two roles of a service's database: who may change the schema, and what the running service logs in as. */
export interface ServiceRoles {
  /** Owns the database and its tables; migrations run as this role. */
  owner: string;
  /** The running service: data access only, and on append-only tables no UPDATE or DELETE. */
  service: string;
}

/** `welkom_<service>_owner` and `welkom_<service>_app`: one pair per service, shared by its databases on a server. */
export function serviceRoleNames(serviceName: string): ServiceRoles {
  const base = `welkom_${serviceName.replace(/-/g, '_')}`;
  return { owner: assertSafeIdentifier(`${base}_owner`), service: assertSafeIdentifier(`${base}_app`) };
}

/** The URLs a service gets: DATABASE_MIGRATION_URL (owner) and DATABASE_URL (service role). */
export interface ServiceDatabaseUrls {
  migrationUrl: string;
  serviceUrl: string;
}

/**
 * Sets up the role layout of deploy/postgres/ROLES.md on database `database` of the server behind `adminUrl` (a
 * superuser, as in development): the two login roles (with the admin's password, if it has one: the throwaway
 * embedded cluster), the owner owning the database and its `public` schema, and nobody else allowed to connect
 * or create. Idempotent; production provisions the same layout with its own credentials.
 */
export async function provisionServiceRoles(adminUrl: string, database: string, serviceName: string): Promise<ServiceDatabaseUrls> {
  const roles = serviceRoleNames(serviceName);
  const password = decodeURIComponent(new URL(adminUrl).password);
  await withMaintenanceClient(adminUrl, async (client) => {
    for (const role of [roles.owner, roles.service]) await ensureLoginRole(client, role, password);
    await client.query(`ALTER DATABASE ${quoteIdentifier(database)} OWNER TO ${quoteIdentifier(roles.owner)}`);
    await client.query(`REVOKE ALL ON DATABASE ${quoteIdentifier(database)} FROM PUBLIC`);
    await client.query(`GRANT CONNECT, TEMPORARY ON DATABASE ${quoteIdentifier(database)} TO ${quoteIdentifier(roles.service)}`);
  });
  const inDatabase = new Client({ connectionString: databaseUrl(adminUrl, database) });
  await inDatabase.connect();
  try {
    // Before PostgreSQL 15 everybody may create in `public`; the owner alone may, whatever the version.
    await inDatabase.query(`ALTER SCHEMA public OWNER TO ${quoteIdentifier(roles.owner)}`);
    await inDatabase.query('REVOKE CREATE ON SCHEMA public FROM PUBLIC');
  } finally {
    await inDatabase.end();
  }
  return { migrationUrl: roleUrl(adminUrl, database, roles.owner), serviceUrl: roleUrl(adminUrl, database, roles.service) };
}

/**
 * Run as the owner after every migration run (so new tables are covered): the service role may read and write the
 * service's tables, only INSERT and SELECT on its append-only tables (audit logs), only read the migration log,
 * and never ALTER, TRUNCATE or switch a trigger off (those need ownership).
 */
export async function grantServiceRole(owner: QueryRunner, serviceRole: string, appendOnlyTables: readonly string[]): Promise<void> {
  const role = quoteIdentifier(serviceRole);
  const migrationsTable = owner.connection.options.migrationsTableName ?? 'migrations';
  const statements = [
    `GRANT USAGE ON SCHEMA public TO ${role}`,
    `GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO ${role}`,
    `GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO ${role}`,
    ...[migrationsTable, ...appendOnlyTables].map(
      (table) => `REVOKE UPDATE, DELETE, TRUNCATE ON TABLE ${quoteIdentifier(table)} FROM ${role}`,
    ),
    `REVOKE INSERT ON TABLE ${quoteIdentifier(migrationsTable)} FROM ${role}`,
  ];
  // One transaction: the service role never sees a moment with the grant but without the revoke.
  await owner.startTransaction();
  try {
    for (const statement of statements) await owner.query(statement);
    await owner.commitTransaction();
  } catch (error) {
    await owner.rollbackTransaction();
    throw error;
  }
}

/** The login role a connection URL names. */
export function roleOf(url: string): string {
  return decodeURIComponent(new URL(url).username);
}

async function ensureLoginRole(client: Client, role: string, password: string): Promise<void> {
  const exists = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
  const credential = password ? ` PASSWORD '${password.replace(/'/g, "''")}'` : '';
  if ((exists.rowCount ?? 0) > 0) return;
  try {
    await client.query(`CREATE ROLE ${quoteIdentifier(role)} LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE${credential}`);
  } catch (error) {
    if (!isPostgresError(error, DUPLICATE_OBJECT, UNIQUE_VIOLATION)) throw error;
  }
}

function roleUrl(adminUrl: string, database: string, role: string): string {
  const parsed = new URL(databaseUrl(adminUrl, database));
  parsed.username = encodeURIComponent(role);
  return parsed.toString();
}
