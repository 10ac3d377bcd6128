import { z } from 'zod';
import { ConfigError } from './load-config';
import { serviceConfigSchema } from './service-config.schema';

/**
 * How a command-line tool (`npm run dlt`, `audit:export`, `history:import`) reaches Kafka; tools extend it with
 * their own variables. On a secured cluster (the project's own broker included) a tool presents a certificate of
 * its own: an operator's in production, the development tooling identity (`.cache/certs/welkom-kafka-admin.*`)
 * against `npm start`'s broker.
 */
export const kafkaToolConfigSchema = z.object({
  KAFKA_BROKERS: serviceConfigSchema.shape.KAFKA_BROKERS,
  KAFKA_SECURITY: serviceConfigSchema.shape.KAFKA_SECURITY,
  KAFKA_TLS_CA_FILE: z.string().min(1).optional(),
  KAFKA_TLS_CERT_FILE: z.string().min(1).optional(),
  KAFKA_TLS_KEY_FILE: z.string().min(1).optional(),
});

export type KafkaToolConfig = z.infer<typeof kafkaToolConfigSchema>;

/**
 * The tool's TLS files (the shape of libs/messaging's KafkaTlsFiles), or undefined for plaintext. With
 * KAFKA_SECURITY=tls all three files are required, and a ConfigError names each one missing.
 */
export function kafkaToolTls(config: KafkaToolConfig): { caFile: string; certificateFile: string; privateKeyFile: string } | undefined {
  if (config.KAFKA_SECURITY !== 'tls') return undefined;
  const { KAFKA_TLS_CA_FILE: caFile, KAFKA_TLS_CERT_FILE: certificateFile, KAFKA_TLS_KEY_FILE: privateKeyFile } = config;
  if (!caFile || !certificateFile || !privateKeyFile) {
    const missing = (['KAFKA_TLS_CA_FILE', 'KAFKA_TLS_CERT_FILE', 'KAFKA_TLS_KEY_FILE'] as const).filter((name) => !config[name]);
    throw new ConfigError(missing.map((name) => `${name}: required with KAFKA_SECURITY=tls`));
  }
  return { caFile, certificateFile, privateKeyFile };
}
