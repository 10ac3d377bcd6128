import { readFileSync } from 'node:fs';
import { z } from 'zod';

/**
 * How a client authenticates to the brokers:
 * - `plaintext`: not at all (a plaintext cluster of one's own only);
 * - `tls`: mutual TLS, the certificate is the identity (the project's own broker, Strimzi `tls` listeners);
 * - `sasl_ssl`: TLS to a broker certificate the CA vouches for, then SASL with a user name and password (a managed
 *   cluster, Strimzi `scram-sha-512` listeners). No `sasl_plaintext`: it would send the password, and every record,
 *   readable over the network, and no cluster the project targets needs it.
 */
export const KAFKA_SECURITY_MODES = ['plaintext', 'tls', 'sasl_ssl'] as const;

/** The SASL mechanisms the client factory speaks (libs/messaging KafkaSaslMechanism), as kafkajs names them. */
export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;

/** The Kafka security variables services and tools share; the combination is checked by kafkaSecurityProblems. */
export const kafkaSecurityConfigShape = {
  KAFKA_SECURITY: z.enum(KAFKA_SECURITY_MODES).default('plaintext'),
  /** The CA of the brokers' certificates (a Strimzi cluster CA, say); services fall back to TLS_CA_FILE. */
  KAFKA_TLS_CA_FILE: z.string().min(1).optional(),
  KAFKA_SASL_MECHANISM: z.enum(KAFKA_SASL_MECHANISMS).optional(),
  KAFKA_SASL_USERNAME: z.string().min(1).optional(),
  /** The password itself; KAFKA_SASL_PASSWORD_FILE is better where secrets are mounted as files (Kubernetes). */
  KAFKA_SASL_PASSWORD: z.string().min(1).optional(),
  KAFKA_SASL_PASSWORD_FILE: z.string().min(1).optional(),
};

const kafkaSecurityConfigSchema = z.object(kafkaSecurityConfigShape);

export type KafkaSecurityConfig = z.infer<typeof kafkaSecurityConfigSchema>;

/** What libs/messaging's KafkaSaslSettings needs, resolved from the environment (the password read once). */
export interface ResolvedKafkaSasl {
  caFile: string;
  mechanism: (typeof KAFKA_SASL_MECHANISMS)[number];
  username: string;
  password: string;
}

const SASL_VARIABLES = ['KAFKA_SASL_MECHANISM', 'KAFKA_SASL_USERNAME', 'KAFKA_SASL_PASSWORD', 'KAFKA_SASL_PASSWORD_FILE'] as const;

/**
 * Every problem of the combination, not just the first: SASL settings need KAFKA_SECURITY=sasl_ssl (else a
 * forgotten KAFKA_SECURITY would connect in plaintext while the operator believes it authenticates), and
 * sasl_ssl needs a mechanism, a user name and exactly one of password and readable password file.
 */
export function kafkaSecurityProblems(config: KafkaSecurityConfig): string[] {
  if (config.KAFKA_SECURITY !== 'sasl_ssl') {
    return SASL_VARIABLES.filter((name) => config[name] !== undefined).map(
      (name) => `${name}: only used with KAFKA_SECURITY=sasl_ssl (KAFKA_SECURITY is ${config.KAFKA_SECURITY})`,
    );
  }
  const problems: string[] = [];
  if (!config.KAFKA_SASL_MECHANISM)
    problems.push(`KAFKA_SASL_MECHANISM: required with KAFKA_SECURITY=sasl_ssl (${KAFKA_SASL_MECHANISMS.join(', ')})`);
  if (!config.KAFKA_SASL_USERNAME) problems.push('KAFKA_SASL_USERNAME: required with KAFKA_SECURITY=sasl_ssl');
  if (config.KAFKA_SASL_PASSWORD && config.KAFKA_SASL_PASSWORD_FILE) {
    problems.push('KAFKA_SASL_PASSWORD_FILE: give the password or a file holding it, not both');
  } else if (!config.KAFKA_SASL_PASSWORD && !config.KAFKA_SASL_PASSWORD_FILE) {
    problems.push('KAFKA_SASL_PASSWORD: required with KAFKA_SECURITY=sasl_ssl (or KAFKA_SASL_PASSWORD_FILE)');
  } else if (config.KAFKA_SASL_PASSWORD_FILE) {
    const problem = passwordFileProblem(config.KAFKA_SASL_PASSWORD_FILE);
    if (problem) problems.push(`KAFKA_SASL_PASSWORD_FILE: ${problem}`);
  }
  return problems;
}

/**
 * The SASL settings of a valid sasl_ssl configuration (kafkaSecurityProblems found nothing), with the password
 * read from its file once, at start; undefined for other modes. `caFile` is the brokers' CA.
 */
export function resolveKafkaSasl(config: KafkaSecurityConfig, caFile: string): ResolvedKafkaSasl | undefined {
  if (config.KAFKA_SECURITY !== 'sasl_ssl') return undefined;
  const { KAFKA_SASL_MECHANISM: mechanism, KAFKA_SASL_USERNAME: username } = config;
  const password = config.KAFKA_SASL_PASSWORD ?? (config.KAFKA_SASL_PASSWORD_FILE && readPassword(config.KAFKA_SASL_PASSWORD_FILE));
  if (!mechanism || !username || !password) {
    throw new Error('resolveKafkaSasl called with an unchecked configuration (see kafkaSecurityProblems)');
  }
  return { caFile, mechanism, username, password };
}

/** The Kafka variables of an environment that may not parse as a whole, so their problems are listed beside the rest. */
export function kafkaSecurityProblemsOfEnvironment(env: NodeJS.ProcessEnv): string[] {
  const parsed = kafkaSecurityConfigSchema.safeParse(env);
  // A malformed variable is already one of the schema's own problems.
  return parsed.success ? kafkaSecurityProblems(parsed.data) : [];
}

function passwordFileProblem(file: string): string | undefined {
  try {
    return readPassword(file) ? undefined : `${file} is empty`;
  } catch (error) {
    return `cannot read ${file} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`;
  }
}

// A file written with `echo` ends in a newline that is no part of the password; a Kubernetes secret has none.
function readPassword(file: string): string {
  return readFileSync(file, 'utf8').replace(/\r?\n$/, '');
}
