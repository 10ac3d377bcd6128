import { createKafkaClient, readTopicToEnd } from '@welkom/messaging';
import { eventually } from '@welkom/testing';
import { type KafkaBrokerHandle, startKafkaBroker } from '@welkom/infrastructure';
import { type CaseService, startCaseService } from './fixtures/case-service';
import { caseFacts, caseServiceSettings, effectSummary, newRunId, settledOrStage, testDatabases } from './fixtures/fault-harness';

// Two broker outages with restarts and a full drain: about a minute on a quiet machine, several on a busy runner.
jest.setTimeout(420_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a broker outage while producers and consumers run', () => {
  const databases = testDatabases();
  const services: CaseService[] = [];
  // This spec stops the broker, so it starts one of its own rather than the suite's shared one.
  let broker: KafkaBrokerHandle;

  beforeAll(async () => {
    broker = await startKafkaBroker();
  });

  afterAll(async () => {
    for (const service of services.splice(0)) await service.close();
    await broker?.stop();
    await databases.dropAll();
  });

  it('loses nothing and applies nothing twice when the broker is stopped, killed and restarted (a)', async () => {
    const runId = newRunId();
    const producerUrl = await databases.create('outage_producer');
    const consumerUrl = await databases.create('outage_consumer');
    const producer = await startCaseService(
      caseServiceSettings({ name: `producer-${runId}`, runId, databaseUrl: producerUrl, brokers: broker.brokers }),
    );
    services.push(producer);
    services.push(
      await startCaseService(
        caseServiceSettings({
          name: `consumer-${runId}`,
          runId,
          databaseUrl: consumerUrl,
          brokers: broker.brokers,
          consume: 'one-by-one',
          sessionTimeoutMs: 6_000,
        }),
      ),
    );

    const facts = caseFacts(runId, 8, 200);
    const perTransaction = 20;
    let written = 0;
    // The business keeps recording facts throughout: the outbox does not need the broker.
    const writing = (async () => {
      for (let start = 0; start < facts.length; start += perTransaction) {
        await producer.recordFacts(facts.slice(start, start + perTransaction));
        written += perTransaction;
        await pause(40);
      }
    })();

    // First a clean stop, later a crash (SIGKILL), each for a few seconds while writing goes on.
    const outages: string[] = [];
    let writtenDuringOutages = 0;
    for (const [share, outage] of [
      [0.25, () => broker.stop()],
      [0.6, () => broker.kill()],
    ] as const) {
      // Gated on what was written, not on what was applied: on a loaded machine the consumer may lag so far
      // that the writing would be over before the outage, and the outage would then test nothing.
      await eventually(() => Promise.resolve(written >= facts.length * share ? true : undefined), 90_000);
      await outage();
      const writtenBefore = written;
      await pause(3_000);
      writtenDuringOutages += written - writtenBefore;
      outages.push(`${written - writtenBefore} recorded and ${(await effectSummary(consumerUrl)).applied} applied`);
      await broker.restart();
    }
    await writing;

    // Settled: the outbox is empty and the consumer group has finished every record on the topic.
    const kafka = createKafkaClient({ clientId: 'outage-check', brokers: broker.brokers });
    await eventually(
      () => settledOrStage(kafka, { producerUrl, group: `consumer-${runId}`, topic: producer.topic.name, expected: facts.length }),
      180_000,
    );
    const summary = await effectSummary(consumerUrl);
    const published = await readTopicToEnd(kafka, [producer.topic.name]);
    console.log(
      `broker outages: ${facts.length} facts; during the stop and the kill: ${outages.join('; ')}; ` +
        `${published.length} records on the topic; ${JSON.stringify(summary)}`,
    );
    expect(writtenDuringOutages).toBeGreaterThan(0);
    // Whatever was published or delivered more than once was skipped by the inbox, not applied.
    expect(summary).toEqual({
      applied: facts.length,
      distinctEvents: facts.length,
      duplicatesSkipped: summary.duplicatesSkipped,
      casesOutOfOrder: [],
    });
    expect(new Set(published.map((record) => String(record.headers['welkom-event-id']))).size).toBe(facts.length);
  });
});
