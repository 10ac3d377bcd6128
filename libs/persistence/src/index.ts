export { createDataSource, dataSourceOptions, type DataSourceSettings } from './data-source.factory';
export { migrationLockKey, runMigrations, type RunMigrationsOptions } from './migration-runner';
export { inTransaction, type Transaction } from './transaction';
export {
  assertSafeIdentifier,
  databaseExists,
  databaseNameOf,
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  isPostgresError,
  quoteIdentifier,
  withMaintenanceClient,
} from './database-admin';
export { DatabaseHealthProbe } from './database.health-probe';
export {
  grantServiceRole,
  provisionServiceRoles,
  roleOf,
  serviceRoleNames,
  type ServiceDatabaseUrls,
  type ServiceRoles,
} from './database-roles';
export { DATABASE_SETTINGS, DatabaseModule, databaseSettingsOf } from './database.module';
export { type PreparedStatement, queryPrepared } from './prepared-statement';
export { queryRows } from './query-rows';
