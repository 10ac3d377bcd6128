import { createServer } from 'node:net';
import type { DevCertificates } from '@welkom/infrastructure';
import type { KafkaConnection, KafkaTlsFiles } from '@welkom/messaging';

export interface TestInfrastructure {
  kafkaBrokers: string[];
  /**
   * The test harness's own identity on the secured broker (a super user: it plants and inspects records on any
   * topic as the parties' stand-in); undefined on a PLAINTEXT external cluster. Services under test never get it.
   */
  kafkaTls?: KafkaTlsFiles;
  /** The PostgreSQL maintenance database; specs get databases of their own. */
  postgresUrl: string;
  certificates: DevCertificates;
}

/** Set up by the jest global setup (libs/testing/src/jest.global-setup.ts) for integration and e2e specs. */
export function testInfrastructure(): TestInfrastructure {
  const { KAFKA_BROKERS, WELKOM_TEST_KAFKA_TLS, WELKOM_TEST_POSTGRES_URL, WELKOM_TEST_CERTIFICATES } = process.env;
  if (!KAFKA_BROKERS || !WELKOM_TEST_POSTGRES_URL || !WELKOM_TEST_CERTIFICATES) {
    throw new Error('Real infrastructure is not set up: run integration specs through `npm test` or jest projects');
  }
  return {
    kafkaBrokers: KAFKA_BROKERS.split(','),
    ...(WELKOM_TEST_KAFKA_TLS ? { kafkaTls: JSON.parse(WELKOM_TEST_KAFKA_TLS) as KafkaTlsFiles } : {}),
    postgresUrl: WELKOM_TEST_POSTGRES_URL,
    certificates: JSON.parse(WELKOM_TEST_CERTIFICATES) as DevCertificates,
  };
}

/** The harness's connection to the shared broker, for `createKafkaClient({ clientId, ...testKafka() })`. */
export function testKafka(infrastructure: TestInfrastructure = testInfrastructure()): KafkaConnection {
  return { brokers: infrastructure.kafkaBrokers, tls: infrastructure.kafkaTls };
}

/**
 * The environment a command-line tool (`npm run dlt`, `audit:export`) reads to reach the shared broker, as the
 * harness identity on the secured broker (libs/config kafka-tool-config.schema.ts).
 */
export function kafkaToolEnvironment(infrastructure: TestInfrastructure = testInfrastructure()): Record<string, string> {
  const { kafkaTls } = infrastructure;
  return {
    KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
    ...(kafkaTls
      ? {
          KAFKA_SECURITY: 'tls',
          KAFKA_TLS_CA_FILE: kafkaTls.caFile,
          KAFKA_TLS_CERT_FILE: kafkaTls.certificateFile,
          KAFKA_TLS_KEY_FILE: kafkaTls.privateKeyFile,
        }
      : {}),
  };
}

/** A port nobody listens on right now, for services under test (real sockets, no fixed ports to clash). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** The environment a service under test gets, as the start script would give it. */
export async function serviceTestEnvironment(
  infrastructure: TestInfrastructure,
  partyKey: string,
  databaseUrl: string,
  extra: Record<string, string> = {},
): Promise<NodeJS.ProcessEnv> {
  const party = infrastructure.certificates.parties[partyKey];
  if (!party) throw new Error(`No development certificate for party ${partyKey}`);
  return {
    GRPC_PORT: String(await freePort()),
    HTTP_PORT: String(await freePort()),
    KAFKA_BROKERS: infrastructure.kafkaBrokers.join(','),
    // On the secured broker the service connects as its party, with the certificate below.
    ...(infrastructure.kafkaTls ? { KAFKA_SECURITY: 'tls' } : {}),
    DATABASE_URL: databaseUrl,
    TLS_CA_FILE: infrastructure.certificates.caCertificatePath,
    TLS_CERT_FILE: party.certificatePath,
    TLS_KEY_FILE: party.privateKeyPath,
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** Polls until `probe` returns a value (not undefined) or the time is up; for effects that arrive by event. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (error) {
      lastError = error instanceof Error ? error.message : String(error);
    }
    if (Date.now() > deadline) {
      throw new Error(`Condition not met within ${timeoutMs} ms${lastError ? `: ${lastError}` : ''}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
