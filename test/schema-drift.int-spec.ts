import { randomBytes } from 'node:crypto';
import type { DynamicModule } from '@nestjs/common';
import type { DataSource } from 'typeorm';
import { createDataSource, databaseSettingsOf, databaseUrl, dropDatabase, ensureDatabase, runMigrations } from '@welkom/persistence';
import { serviceTestEnvironment, testInfrastructure } from '@welkom/testing';
import { loadEuReportingConfig } from '../apps/eu-reporting/src/eu-reporting.config';
import { EuReportingModule } from '../apps/eu-reporting/src/eu-reporting.module';
import { loadHubConfig } from '../apps/hub/src/hub.config';
import { HubModule } from '../apps/hub/src/hub.module';
import { loadIndConfig } from '../apps/ind/src/ind.config';
import { IndModule } from '../apps/ind/src/ind.module';
import { loadUniversityConfig } from '../apps/university/src/university.config';
import { UniversityModule } from '../apps/university/src/university.module';
import { loadUwvConfig } from '../apps/uwv/src/uwv.config';
import { UwvModule } from '../apps/uwv/src/uwv.module';

jest.setTimeout(60_000);

type RootModuleFor = (env: NodeJS.ProcessEnv) => DynamicModule;

/** Each service's root module, built from its own config loader, as main.ts builds it. */
const SERVICES: [service: string, party: string, rootModule: RootModuleFor][] = [
  ['hub', 'hub', (env) => HubModule.forRoot(loadHubConfig(env))],
  ['university', 'university-leiden', (env) => UniversityModule.forRoot(loadUniversityConfig(env))],
  ['ind', 'ind', (env) => IndModule.forRoot(loadIndConfig(env))],
  ['eu-reporting', 'eu-reporting', (env) => EuReportingModule.forRoot(loadEuReportingConfig(env))],
  ['uwv', 'uwv', (env) => UwvModule.forRoot(loadUwvConfig(env))],
];

/**
 * Check constraints and foreign keys to tables without an entity (the audit chain head, party sub-units)
 * live only in the hand-written migrations: TypeORM would drop them because no entity declares them. That
 * is the one difference we accept; any column, index or type it would add or change is drift.
 */
const MIGRATION_ONLY_CONSTRAINT = /^ALTER TABLE "\w+" DROP CONSTRAINT "(CHK|FK)_\w+"$/;

/**
 * Migrations are written by hand and reviewed; the entities must agree with them. TypeORM's schema builder,
 * run against a freshly migrated database, must find nothing to change (what `migration:generate` would
 * write), or an entity and its migration have drifted apart.
 */
describe('database schema of every service', () => {
  const infrastructure = testInfrastructure();

  it.each(SERVICES)('%s: migrations match the entities', async (service, party, rootModule) => {
    const name = `welkom_drift_${service.replace(/-/g, '_')}_${randomBytes(3).toString('hex')}`;
    const url = databaseUrl(infrastructure.postgresUrl, name);
    const env = await serviceTestEnvironment(infrastructure, party, url, {
      HUB_GRPC_ADDRESS: 'localhost:1',
      IND_GRPC_ADDRESS: 'localhost:1',
    });
    const settings = databaseSettingsOf(rootModule(env));
    await ensureDatabase(infrastructure.postgresUrl, name);
    let dataSource: DataSource | undefined;
    try {
      dataSource = createDataSource({ ...settings, url, applicationName: 'schema-drift-check' });
      await dataSource.initialize();
      expect((await runMigrations(dataSource)).length).toBeGreaterThan(0);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query).filter((sql) => !MIGRATION_ONLY_CONSTRAINT.test(sql))).toEqual([]);
    } finally {
      await dataSource?.destroy();
      await dropDatabase(infrastructure.postgresUrl, name);
    }
  });
});
