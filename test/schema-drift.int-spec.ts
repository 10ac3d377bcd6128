import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import {
  createDataSource,
  databaseSettingsOf,
  databaseUrl,
  dropDatabase,
  ensureDatabase,
  runMigrations,
} from '@welkom/persistence';
import { testInfrastructure } from '@welkom/testing';
import { HubModule } from '../apps/hub/src/hub.module';
import { UniversityModule } from '../apps/university/src/university.module';

jest.setTimeout(60_000);

/**
 * Migrations are written by hand and reviewed; the entities must agree with them. TypeORM's schema builder,
 * run against a freshly migrated database, must find nothing to change (what `migration:generate` would
 * write), or an entity and its migration have drifted apart.
 */
describe('database schema of every service', () => {
  const { postgresUrl } = testInfrastructure();
  const config = {
    GRPC_HOST: '127.0.0.1', GRPC_PORT: 0, GRPC_ADVERTISED_HOST: 'localhost', HTTP_HOST: '127.0.0.1', HTTP_PORT: 0,
    KAFKA_BROKERS: ['127.0.0.1:9092'], DATABASE_URL: postgresUrl, LOG_LEVEL: 'warn' as const, GRPC_MAX_MESSAGE_BYTES: 1024,
    TLS_CA_FILE: '', TLS_KEY_FILE: '', HUB_GRPC_ADDRESS: 'localhost:1',
    TLS_CERT_FILE: testInfrastructure().certificates.parties.hub.certificatePath,
  };

  it.each([
    ['hub', () => databaseSettingsOf(HubModule.forRoot({ ...config } as never))],
    ['university', () => databaseSettingsOf(UniversityModule.forRoot({ ...config } as never))],
  ])('%s: migrations match the entities', async (service, settingsOf) => {
    const schema = settingsOf();
    const name = `welkom_drift_${service}_${randomBytes(3).toString('hex')}`;
    await ensureDatabase(postgresUrl, name);
    let dataSource: DataSource | undefined;
    try {
      dataSource = createDataSource({
        url: databaseUrl(postgresUrl, name),
        entities: schema.entities,
        migrations: schema.migrations,
        applicationName: 'schema-drift-check',
      });
      await dataSource.initialize();
      await runMigrations(dataSource);
      const pending = await dataSource.driver.createSchemaBuilder().log();
      expect(pending.upQueries.map((query) => query.query)).toEqual([]);
    } finally {
      await dataSource?.destroy();
      await dropDatabase(postgresUrl, name);
    }
  });
});
