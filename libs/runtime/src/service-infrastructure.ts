import type { DynamicModule, Type } from '@nestjs/common';
import type { ServiceConfig } from '@welkom/config';
import { MessagingModule, KafkaHealthProbe } from '@welkom/messaging';
import { type HealthProbe, ObservabilityModule } from '@welkom/observability';
import { DatabaseHealthProbe, DatabaseModule, type DataSourceSettings } from '@welkom/persistence';

export interface ServiceInfrastructureOptions {
  serviceName: string;
  config: ServiceConfig;
  partyOin: string;
  entities: DataSourceSettings['entities'];
  migrations: DataSourceSettings['migrations'];
  /** More dependencies the service needs to be healthy (e.g. the hub), with the modules providing them. */
  extraProbes?: { probes: Type<HealthProbe>[]; imports: DynamicModule[] };
}

/** The modules every service imports, in the same way: its database, the event backbone, health and metrics. */
export function serviceInfrastructure(options: ServiceInfrastructureOptions): DynamicModule[] {
  const database = DatabaseModule.forRoot({
    url: options.config.DATABASE_URL,
    entities: options.entities,
    migrations: options.migrations,
    applicationName: options.serviceName,
  });
  const messaging = MessagingModule.forRoot({
    clientId: options.serviceName,
    brokers: options.config.KAFKA_BROKERS,
    partyOin: options.partyOin,
  });
  const extra = options.extraProbes ?? { probes: [], imports: [] };
  return [
    database,
    messaging,
    ...extra.imports,
    ObservabilityModule.forRoot({
      serviceName: options.serviceName,
      probes: [DatabaseHealthProbe, KafkaHealthProbe, ...extra.probes],
      imports: [database, messaging, ...extra.imports],
    }),
  ];
}
