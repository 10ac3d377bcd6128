import { type DynamicModule, Injectable, Logger, Module, type OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { dataSourceOptions, type DataSourceSettings } from './data-source.factory';
import { DatabaseHealthProbe } from './database.health-probe';
import { runMigrations } from './migration-runner';

/** Migrations run at boot, before any consumer or gRPC handler touches the schema. */
@Injectable()
class MigrateOnBoot implements OnModuleInit {
  private readonly logger = new Logger('Migrations');

  constructor(private readonly dataSource: DataSource) {}

  async onModuleInit(): Promise<void> {
    const applied = await runMigrations(this.dataSource);
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
      providers: [MigrateOnBoot, DatabaseHealthProbe],
      exports: [DatabaseHealthProbe],
    };
  }
}
