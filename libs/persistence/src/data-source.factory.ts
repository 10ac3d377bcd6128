import { DataSource } from 'typeorm';
import type { PostgresDataSourceOptions } from 'typeorm/driver/postgres/PostgresDataSourceOptions';

// node-postgres' own default. Each app instance holds at most this many connections; scale out by adding
// instances (Kafka partitions), not by widening the pool.
const DEFAULT_POOL_SIZE = 10;
const CONNECT_TIMEOUT_MS = 10_000;

export interface DataSourceSettings {
  /** postgres://user:password@host:port/database */
  url: string;
  entities: PostgresDataSourceOptions['entities'];
  migrations: PostgresDataSourceOptions['migrations'];
  /** Shown in pg_stat_activity, so an operator can tell which app holds a connection or a lock. */
  applicationName: string;
  poolSize?: number;
  /**
   * The owner role's URL: migrations run as it, then the service role (DATABASE_URL's user) is granted data
   * access. Absent: migrations run as DATABASE_URL's role, which then owns everything (a throwaway database).
   */
  migrationUrl?: string;
  /** Tables the service role may only INSERT into and SELECT from (audit logs), when a migration URL is given. */
  appendOnlyTables?: readonly string[];
  logging?: PostgresDataSourceOptions['logging'];
}

/**
 * Options for a PostgreSQL DataSource, shared by `createDataSource` and `TypeOrmModule.forRootAsync`.
 * The schema only ever changes through reviewed migrations, and those run under our advisory lock
 * (`runMigrations`), never implicitly when a DataSource initialises.
 */
export function dataSourceOptions(settings: DataSourceSettings): PostgresDataSourceOptions {
  return {
    type: 'postgres',
    url: settings.url,
    applicationName: settings.applicationName,
    entities: settings.entities,
    migrations: settings.migrations,
    synchronize: false,
    migrationsRun: false,
    dropSchema: false,
    poolSize: settings.poolSize ?? DEFAULT_POOL_SIZE,
    connectTimeoutMS: CONNECT_TIMEOUT_MS,
    logging: settings.logging ?? ['error', 'warn', 'migration'],
  };
}

/** A DataSource that is not yet initialised; the caller owns `initialize()` and `destroy()`. */
export function createDataSource(settings: DataSourceSettings): DataSource {
  return new DataSource(dataSourceOptions(settings));
}
