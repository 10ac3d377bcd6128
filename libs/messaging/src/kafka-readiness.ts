import { Kafka, logLevel } from 'kafkajs';
import { kafkaSslOptions, type KafkaTlsFiles } from './kafka-client.factory';

const readyPollMs = 250;

/**
 * Waits until a broker answers metadata requests, which a fresh KRaft broker does only once it has elected
 * itself and is unfenced. It lives here, not beside the broker launcher in libs/infrastructure, because
 * only libs/messaging talks to Kafka through kafkajs. `gaveUp` is asked before every attempt, so a launcher
 * can stop waiting for a process that has already died (its message becomes the error).
 */
export async function waitUntilKafkaReady(
  brokers: string[],
  timeoutMs: number,
  gaveUp: () => string | undefined = () => undefined,
  /** The identity to ask with, on a broker that requires a client certificate. */
  tls?: KafkaTlsFiles,
): Promise<void> {
  const kafka = new Kafka({
    clientId: 'welkom-kafka-readiness',
    brokers,
    ssl: kafkaSslOptions(tls),
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt yet';
  while (Date.now() < deadline) {
    const reason = gaveUp();
    if (reason !== undefined) throw new Error(reason);
    const admin = kafka.admin();
    try {
      await admin.connect();
      const cluster = await admin.describeCluster();
      if (cluster.brokers.length > 0) return;
      lastError = 'cluster reports no brokers';
    } catch (error: unknown) {
      lastError = (error as Error).message;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
    await new Promise((done) => setTimeout(done, readyPollMs));
  }
  throw new Error(`Kafka broker on ${brokers.join(',')} was not ready after ${timeoutMs} ms (last error: ${lastError})`);
}
