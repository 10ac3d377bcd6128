import { resolve } from 'node:path';
import { z } from 'zod';
import { kafkaSecurityConfigShape, kafkaSecurityProblemsOfEnvironment } from './kafka-security.config';
import { loadConfig } from './load-config';

const port = z.coerce.number().int().min(0).max(65535);

const brokerList = z
  .string()
  .min(1)
  .transform((value) =>
    value
      .split(',')
      .map((broker) => broker.trim())
      .filter(Boolean),
  )
  .refine((brokers) => brokers.every((b) => /^[\w.-]+:\d+$/.test(b)), 'expected host:port[,host:port]');

/** The development party list in this repository (deploy/parties/dev-parties.json). */
export const DEV_PARTY_DIRECTORY_FILE = resolve(__dirname, '..', '..', '..', 'deploy', 'parties', 'dev-parties.json');

/** What every Welkom Hub service needs: its sockets, the broker, the database and its mTLS identity. */
export const serviceConfigSchema = z.object({
  GRPC_HOST: z.string().default('127.0.0.1'),
  GRPC_PORT: port,
  /** The host name peers use to reach this service; TLS needs a name from the certificate, not an IP. */
  GRPC_ADVERTISED_HOST: z.string().default('localhost'),
  HTTP_HOST: z.string().default('127.0.0.1'),
  HTTP_PORT: port,
  KAFKA_BROKERS: brokerList,
  DATABASE_URL: z.string().regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL'),
  /**
   * The database owner's URL (deploy/postgres/ROLES.md): migrations run as it, and DATABASE_URL's role is granted
   * data access only. Unset: DATABASE_URL's role migrates and owns the tables (throwaway databases only).
   */
  DATABASE_MIGRATION_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'expected a postgres:// URL')
    .optional(),
  TLS_CA_FILE: z.string().min(1),
  TLS_CERT_FILE: z.string().min(1),
  TLS_KEY_FILE: z.string().min(1),
  LOG_LEVEL: z.enum(['error', 'warn', 'log', 'debug', 'verbose']).default('log'),
  /**
   * `json`: one JSON object per line with the active trace and span ids, for a log pipeline; `pretty`: the same
   * records made readable for a terminal. Unset: pretty when stdout is a terminal, JSON otherwise.
   */
  LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
  /** Upper bound on any gRPC message the service accepts; larger ones are refused before parsing. */
  GRPC_MAX_MESSAGE_BYTES: z.coerce
    .number()
    .int()
    .positive()
    .default(4 * 1024 * 1024),
  /**
   * Party reference data (OIN → roles): consumers accept an event only from a party holding one of the
   * topic's publisher roles. Defaults to the development parties; production points at the real register.
   */
  PARTY_DIRECTORY_FILE: z.string().min(1).default(DEV_PARTY_DIRECTORY_FILE),
  /**
   * KAFKA_SECURITY and its settings (kafka-security.config.ts). `tls`: the service reaches Kafka over TLS and
   * authenticates with its party certificate (TLS_CERT_FILE and TLS_KEY_FILE), so the broker's ACLs see the party.
   * `sasl_ssl`: over TLS with a SASL user name and password (KAFKA_SASL_*), the principal being that user. Either
   * way the service leaves topic creation to the cluster's administrator. `npm start` and the tests set `tls` for
   * the project's own broker, which is secured; `plaintext` only for a plaintext cluster of one's own (KAFKA_BROKERS).
   */
  ...kafkaSecurityConfigShape,
  /**
   * Events older than this, by the time their producer signed (`occurredAt`), go to the dead-letter topic as STALE
   * instead of being applied, unless they were replayed through `npm run dlt -- replay` within it. Default a week:
   * longer than any outbox backlog or consumer outage should last, so only captured or forgotten records hit it.
   */
  EVENT_FRESHNESS_WINDOW_MS: z.coerce
    .number()
    .int()
    .positive()
    .default(7 * 24 * 60 * 60 * 1000),
});

export type ServiceConfig = z.infer<typeof serviceConfigSchema>;

/**
 * A service's configuration (its schema extends serviceConfigSchema), parsed once at start: every problem at once,
 * the Kafka security combination included.
 */
export function loadServiceConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv): z.infer<S> {
  return loadConfig(schema, env, [kafkaSecurityProblemsOfEnvironment]);
}

/** Agency connectors also call the hub. */
export const hubClientConfigSchema = z.object({
  HUB_GRPC_ADDRESS: z.string().regex(/^[\w.-]+:\d+$/, 'expected host:port'),
});

export type HubClientConfig = z.infer<typeof hubClientConfigSchema>;
