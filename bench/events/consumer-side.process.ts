import 'reflect-metadata';
import { createKafkaClient } from '@welkom/messaging';
import type { ConsumerSideJob } from './consumer-side';
import { startHubConsumer } from './hub-backbone.run';
import { Arrivals } from './latency.stats';
import { startPlainConsumer } from './plain-kafkajs.run';

/** The consuming side of one benchmark run (consumer-side.ts starts it): subscribe, say so, count, report, stop. */
process.once('message', (job: ConsumerSideJob) => {
  void run(job).then(
    () => process.exit(0),
    async (error: unknown) => {
      await report({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    },
  );
});

/** Resolves once the message is handed to the channel: exiting before that would lose it. */
function report(message: object): Promise<void> {
  return new Promise((resolve) => {
    if (!process.send) return resolve();
    process.send(message, undefined, {}, () => resolve());
  });
}

async function run(job: ConsumerSideJob): Promise<void> {
  const arrivals = new Arrivals(job.expected);
  const stop =
    job.kind === 'plain'
      ? await startPlainConsumer(
          createKafkaClient({ clientId: 'bench-plain-consumer', brokers: job.brokers, tls: job.tls }),
          job.topic,
          arrivals,
        )
      : await startHubConsumer(job.settings, arrivals);
  try {
    await report({ type: 'ready' });
    await arrivals.within(job.timeoutMs);
    await report({ type: 'done', latenciesMs: arrivals.latenciesMs, lastAt: arrivals.lastAt });
  } finally {
    await stop();
  }
}
