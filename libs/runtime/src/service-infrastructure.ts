import type { DynamicModule, Type } from '@nestjs/common';
import { resolveKafkaSasl, type ServiceConfig } from '@welkom/config';
import { KafkaHealthProbe, MESSAGING_ENTITIES, MESSAGING_MIGRATIONS, MessagingModule, type MessagingOptions } from '@welkom/messaging';
import { type HealthProbe, ObservabilityModule } from '@welkom/observability';
import { DatabaseHealthProbe, DatabaseModule, type DataSourceSettings } from '@welkom/persistence';
import { PlatformModule } from '@welkom/platform';

export interface ServiceInfrastructureOptions {
  serviceName: string;
  config: ServiceConfig;
  partyOin: string;
  entities: DataSourceSettings['entities'];
  migrations: DataSourceSettings['migrations'];
  /** The service's audit logs: its database role may only INSERT into and SELECT from them. */
  appendOnlyTables?: readonly string[];
  /** More dependencies the service needs to be healthy (e.g. the hub), with the modules providing them. */
  extraProbes?: { probes: Type<HealthProbe>[]; imports: DynamicModule[] };
  /** Days the business clock runs ahead of the wall clock (a rehearsal); 0 when absent. */
  clockOffsetDays?: number;
}

/**
 * The modules every service imports, in the same way: its database, the event backbone (with the outbox and
 * inbox ports), the clock, id and transaction repositories, health and metrics.
 */
export function serviceInfrastructure(options: ServiceInfrastructureOptions): DynamicModule[] {
  // The outbox, inbox and replay log live in every service's own database, next to its state.
  const database = DatabaseModule.forRoot({
    url: options.config.DATABASE_URL,
    entities: [...MESSAGING_ENTITIES, ...listOf(options.entities)],
    migrations: [...MESSAGING_MIGRATIONS, ...listOf(options.migrations)],
    applicationName: options.serviceName,
    migrationUrl: options.config.DATABASE_MIGRATION_URL,
    // The dead-letter replay log is an audit log too.
    appendOnlyTables: ['messaging_dead_letter_replay', ...(options.appendOnlyTables ?? [])],
  });
  const messaging = MessagingModule.forRoot({
    clientId: options.serviceName,
    brokers: options.config.KAFKA_BROKERS,
    ...serviceKafkaSecurity(options.config),
    // A party on a secured cluster may not create topics; the cluster's administrator has.
    createTopics: options.config.KAFKA_SECURITY === 'plaintext',
    partyOin: options.partyOin,
    freshnessWindowMs: options.config.EVENT_FRESHNESS_WINDOW_MS,
    signing: { certificatePath: options.config.TLS_CERT_FILE, privateKeyPath: options.config.TLS_KEY_FILE },
    trust: { caCertificatePath: options.config.TLS_CA_FILE, partyDirectoryFile: options.config.PARTY_DIRECTORY_FILE },
  });
  const extra = options.extraProbes ?? { probes: [], imports: [] };
  return [
    database,
    messaging,
    PlatformModule.forRoot({ clockOffsetDays: options.clockOffsetDays }),
    ...extra.imports,
    ObservabilityModule.forRoot({
      serviceName: options.serviceName,
      probes: [DatabaseHealthProbe, KafkaHealthProbe, ...extra.probes],
      imports: [database, messaging, ...extra.imports],
    }),
  ];
}

/**
 * The service's identity on the brokers: its party certificate (`tls`), or a SASL user over TLS (`sasl_ssl`),
 * trusting KAFKA_TLS_CA_FILE (the cluster's CA) or else the party CA. loadServiceConfig has checked the combination.
 */
export function serviceKafkaSecurity(config: ServiceConfig): Pick<MessagingOptions, 'tls' | 'sasl'> {
  const caFile = config.KAFKA_TLS_CA_FILE ?? config.TLS_CA_FILE;
  if (config.KAFKA_SECURITY === 'tls')
    return { tls: { caFile, certificateFile: config.TLS_CERT_FILE, privateKeyFile: config.TLS_KEY_FILE } };
  if (config.KAFKA_SECURITY === 'sasl_ssl') return { sasl: resolveKafkaSasl(config, caFile) };
  return {};
}

/** TypeORM takes entities and migrations as a list or as a name → class map. */
function listOf<T>(mixed: T[] | Record<string, T> | undefined): T[] {
  if (mixed === undefined) return [];
  return Array.isArray(mixed) ? mixed : Object.values(mixed);
}
