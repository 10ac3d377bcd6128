import { deadLetterTopicOf } from '@welkom/events';
import { createKafkaClient, DEAD_LETTER_HEADERS, MessagingMetrics, readTopicToEnd } from '@welkom/messaging';
import { eventually, testInfrastructure, testKafka } from '@welkom/testing';
import { type CaseService, startCaseService } from './fixtures/case-service';
import {
  caseFacts,
  caseServiceSettings,
  committedRecords,
  effectSummary,
  endOffsets,
  newRunId,
  query,
  testDatabases,
} from './fixtures/fault-harness';

jest.setTimeout(180_000);

const OUTAGE_MS = 10_000;
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const kafka = () => createKafkaClient({ clientId: 'database-outage-spec', ...testKafka() });

/**
 * Takes a database of the local server away as an outage does: no new connections, and every open one
 * cut (the sessions see 57P01, later connects 55000 "not currently accepting connections").
 */
async function closeDatabase(name: string): Promise<void> {
  const adminUrl = testInfrastructure().postgresUrl;
  await query(adminUrl, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS false`);
  await query(adminUrl, 'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
}

async function openDatabase(name: string): Promise<void> {
  await query(testInfrastructure().postgresUrl, `ALTER DATABASE "${name}" ALLOW_CONNECTIONS true`);
}

async function total(metrics: MessagingMetrics, name: 'retried' | 'deadLettered'): Promise<number> {
  return (await metrics[name].get()).values.reduce((sum, value) => sum + value.value, 0);
}

describe('a database outage under the consumers', () => {
  const databases = testDatabases();
  const services: CaseService[] = [];
  const closed: string[] = [];

  afterAll(async () => {
    for (const name of closed.splice(0)) await openDatabase(name);
    for (const service of services.splice(0)) await service.close();
    await databases.dropAll();
  });

  it('holds the partitions for 10 s and then applies every event once, in order, with nothing dead-lettered', async () => {
    const runId = newRunId();
    const producerUrl = await databases.create('db_outage_producer');
    const producer = await startCaseService(caseServiceSettings({ name: `producer-${runId}`, runId, databaseUrl: producerUrl }));
    services.push(producer);
    const consumers: { group: string; url: string; database: string; service: CaseService }[] = [];
    for (const consume of ['one-by-one', 'in-batches'] as const) {
      const url = await databases.create(`db_outage_${consume.replace(/-/g, '_')}`);
      const group = `consumer-${consume}-${runId}`;
      const service = await startCaseService(
        caseServiceSettings({
          name: group,
          runId,
          databaseUrl: url,
          consume,
          commitEvery: 20,
          handlerDelayMs: 1,
          relay: { enabled: false },
        }),
      );
      services.push(service);
      consumers.push({ group, url, database: new URL(url).pathname.slice(1), service });
    }

    const facts = caseFacts(runId, 8, 200);
    const perTransaction = 20;
    let written = 0;
    // The producer's own database stays up: facts keep arriving throughout the consumers' outage.
    const writing = (async () => {
      for (let start = 0; start < facts.length; start += perTransaction) {
        await producer.recordFacts(facts.slice(start, start + perTransaction));
        written += perTransaction;
        await pause(200);
      }
    })();

    await eventually(async () => {
      const applied = await Promise.all(consumers.map(async ({ url }) => (await effectSummary(url)).applied));
      return applied.every((count) => count >= facts.length / 4) ? true : undefined;
    }, 90_000);
    const appliedAtOutage = await Promise.all(consumers.map(async ({ url }) => (await effectSummary(url)).applied));
    for (const { database } of consumers) {
      await closeDatabase(database);
      closed.push(database);
    }
    const writtenAtOutage = written;
    await pause(OUTAGE_MS);
    const writtenDuringOutage = written - writtenAtOutage;
    for (const name of closed.splice(0)) await openDatabase(name);
    await writing;

    // Settled: the outbox is empty and each group has finished every record on the topic.
    await eventually(async () => {
      if ((await query(producerUrl, 'SELECT 1 FROM messaging_outbox LIMIT 1')).length > 0) return undefined;
      const end = await endOffsets(kafka(), producer.topic.name);
      if (end < facts.length) return undefined;
      for (const { group } of consumers) if ((await committedRecords(kafka(), group, producer.topic.name)) !== end) return undefined;
      return true;
    }, 120_000);

    const letters = await readTopicToEnd(kafka(), [deadLetterTopicOf(producer.topic)]);
    const outcome = await Promise.all(
      consumers.map(async ({ group, url, service }) => {
        const metrics = service.app.get(MessagingMetrics);
        return {
          group,
          summary: await effectSummary(url),
          retried: await total(metrics, 'retried'),
          deadLettered: await total(metrics, 'deadLettered'),
          lettersOnTopic: letters.filter((letter) => String(letter.headers[DEAD_LETTER_HEADERS.consumerGroup]) === group).length,
        };
      }),
    );
    console.log(
      `database outage of ${OUTAGE_MS} ms: ${facts.length} facts, ${writtenDuringOutage} recorded during it; applied at the outage ` +
        `${appliedAtOutage.join(' / ')}; ${JSON.stringify(outcome)}`,
    );
    expect(writtenDuringOutage).toBeGreaterThan(0);
    for (const each of outcome) {
      expect(each.summary).toEqual({
        applied: facts.length,
        distinctEvents: facts.length,
        duplicatesSkipped: each.summary.duplicatesSkipped,
        casesOutOfOrder: [],
      });
      // The outage reached the consumer (it retried) and nothing was parked because of it.
      expect(each.retried).toBeGreaterThan(0);
      expect(each.deadLettered).toBe(0);
      expect(each.lettersOnTopic).toBe(0);
    }
  });
});
