import { startInfrastructure, type Infrastructure } from '@welkom/infrastructure';

declare global {
  var __welkomInfrastructure: Infrastructure | undefined;
}

/**
 * Integration and end-to-end tests need the real broker and database. The first project that runs starts
 * them (or takes KAFKA_BROKERS / DATABASE_URL) and exports their addresses; workers inherit the environment,
 * so every spec talks to the same real infrastructure over real sockets.
 */
export default async function globalSetup(): Promise<void> {
  if (process.env.WELKOM_TEST_INFRASTRUCTURE === 'ready') return;
  const log = (line: string): void => console.log(`  [infrastructure] ${line}`);
  const infrastructure = await startInfrastructure({ log });
  globalThis.__welkomInfrastructure = infrastructure;
  process.env.KAFKA_BROKERS = infrastructure.kafkaBrokers.join(',');
  if (infrastructure.kafkaTls) process.env.WELKOM_TEST_KAFKA_TLS = JSON.stringify(infrastructure.kafkaTls);
  process.env.WELKOM_TEST_POSTGRES_URL = infrastructure.postgresUrl;
  process.env.WELKOM_TEST_CERTIFICATES = JSON.stringify(infrastructure.certificates);
  process.env.WELKOM_TEST_INFRASTRUCTURE = 'ready';
  console.log(`\n  Kafka:      ${infrastructure.kafkaDescription}`);
  console.log(`  PostgreSQL: ${infrastructure.postgresDescription}`);
}
