import { type DynamicModule, Inject, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type QueryRunner } from 'typeorm';
import { createDataSource, dataSourceOptions, type DataSourceSettings } from './data-source.factory';
import { grantServiceRole, roleOf } from './database-roles';
import { DatabaseHealthProbe } from './database.health-probe';
import { runMigrations } from './migration-runner';

/** The settings a service's DatabaseModule was built with, for tools that check its schema. */
export const DATABASE_SETTINGS = Symbol('DATABASE_SETTINGS');

/** Migrations run at boot, before any consumer or gRPC handler touches the schema. */
@Injectable()
class MigrateOnBoot implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(
    private readonly dataSource: DataSource,
    @Inject(DATABASE_SETTINGS) private readonly settings: DataSourceSettings,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.settings.migrationUrl) {
      this.report(await runMigrations(this.dataSource));
      return;
    }
    // The service's own role cannot change the schema: the owner migrates, on a connection of its own.
    const owner = createDataSource({
      ...this.settings,
      url: this.settings.migrationUrl,
      applicationName: `${this.settings.applicationName}-migrations`,
      poolSize: 1,
    });
    await owner.initialize();
    try {
      const grant = (queryRunner: QueryRunner) =>
        grantServiceRole(queryRunner, roleOf(this.settings.url), this.settings.appendOnlyTables ?? []);
      this.report(await runMigrations(owner, { thenUnderLock: grant }));
    } finally {
      await owner.destroy();
    }
  }

  private report(applied: string[]): void {
    if (applied.length > 0) this.logger.log(`Applied ${applied.join(', ')}`);
  }
}

@Module({})
export class DatabaseModule {
  static forRoot(settings: DataSourceSettings): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [TypeOrmModule.forRoot(dataSourceOptions(settings))],
      providers: [{ provide: DATABASE_SETTINGS, useValue: settings }, MigrateOnBoot, DatabaseHealthProbe],
      exports: [DatabaseHealthProbe],
    };
  }
}

/** Finds the database settings inside a service's root module (e.g. `HubModule.forRoot(config)`). */
export function databaseSettingsOf(root: DynamicModule): DataSourceSettings {
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    const candidate = pending.pop() as DynamicModule | undefined;
    if (!candidate || typeof candidate !== 'object') continue;
    if (candidate.module === DatabaseModule) {
      const provider = candidate.providers?.find(
        (p): p is { provide: symbol; useValue: DataSourceSettings } =>
          typeof p === 'object' && 'provide' in p && p.provide === DATABASE_SETTINGS,
      );
      if (provider) return provider.useValue;
    }
    pending.push(...(candidate.imports ?? []));
  }
  throw new Error('The module imports no DatabaseModule');
}
