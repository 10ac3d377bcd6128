import type { ChildProcess } from 'node:child_process';

import { Kafka, logLevel } from 'kafkajs';

import { hasExited } from './kafka-process';

const readyPollMs = 250;

/**
 * The broker answers metadata requests only once KRaft has elected itself and the broker is unfenced. This
 * probe is the only place outside libs/messaging that talks to Kafka through kafkajs.
 */
export async function waitUntilReady(brokers: string[], child: ChildProcess, timeoutMs: number): Promise<void> {
  const kafka = new Kafka({
    clientId: 'welkom-kafka-readiness',
    brokers,
    logLevel: logLevel.NOTHING,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
  });
  const deadline = Date.now() + timeoutMs;
  let lastError = 'no attempt yet';
  while (Date.now() < deadline) {
    if (hasExited(child)) {
      throw new Error(`Kafka broker exited during start-up (code ${child.exitCode}, signal ${child.signalCode})`);
    }
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
