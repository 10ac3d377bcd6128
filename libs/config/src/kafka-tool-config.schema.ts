import { z } from 'zod';
import { kafkaSecurityConfigShape, kafkaSecurityProblems, resolveKafkaSasl, type ResolvedKafkaSasl } from './kafka-security.config';
import { ConfigError } from './load-config';
import { serviceConfigSchema } from './service-config.schema';

/**
 * How a command-line tool (`npm run dlt`, `audit:export`) reaches Kafka; tools extend it with their own variables.
 * On a secured cluster (the project's own broker included) a tool presents an identity of its own: an operator's
 * certificate (or SASL user) in production, the development tooling identity (`.cache/certs/welkom-kafka-admin.*`)
 * against `npm start`'s broker.
 */
export const kafkaToolConfigSchema = z.object({
  KAFKA_BROKERS: serviceConfigSchema.shape.KAFKA_BROKERS,
  ...kafkaSecurityConfigShape,
  KAFKA_TLS_CERT_FILE: z.string().min(1).optional(),
  KAFKA_TLS_KEY_FILE: z.string().min(1).optional(),
});

export type KafkaToolConfig = z.infer<typeof kafkaToolConfigSchema>;

/** The shapes of libs/messaging's KafkaTlsFiles and KafkaSaslSettings: a tool's part of a KafkaConnection. */
export interface KafkaToolSecurity {
  tls?: { caFile: string; certificateFile: string; privateKeyFile: string };
  sasl?: ResolvedKafkaSasl;
}

/**
 * The tool's identity on the brokers (nothing for plaintext). With KAFKA_SECURITY=tls the CA, certificate and key
 * files are required; with sasl_ssl the CA file and the SASL settings. A ConfigError names every problem.
 */
export function kafkaToolSecurity(config: KafkaToolConfig): KafkaToolSecurity {
  const problems = kafkaSecurityProblems(config);
  const required =
    config.KAFKA_SECURITY === 'tls'
      ? (['KAFKA_TLS_CA_FILE', 'KAFKA_TLS_CERT_FILE', 'KAFKA_TLS_KEY_FILE'] as const)
      : config.KAFKA_SECURITY === 'sasl_ssl'
        ? (['KAFKA_TLS_CA_FILE'] as const)
        : [];
  problems.push(
    ...required.filter((name) => !config[name]).map((name) => `${name}: required with KAFKA_SECURITY=${config.KAFKA_SECURITY}`),
  );
  if (problems.length > 0) throw new ConfigError(problems);
  const { KAFKA_TLS_CA_FILE: caFile, KAFKA_TLS_CERT_FILE: certificateFile, KAFKA_TLS_KEY_FILE: privateKeyFile } = config;
  if (!caFile) return {};
  if (config.KAFKA_SECURITY === 'sasl_ssl') return { sasl: resolveKafkaSasl(config, caFile) };
  if (config.KAFKA_SECURITY === 'tls' && certificateFile && privateKeyFile) return { tls: { caFile, certificateFile, privateKeyFile } };
  return {};
}
