import { createKafkaClient, MessagingMetrics, readTopicToEnd } from '@welkom/messaging';
import { eventually, testInfrastructure, testKafka } from '@welkom/testing';
import { type CaseService, startCaseService } from './fixtures/case-service';
import {
  caseFacts,
  caseServiceSettings,
  effectSummary,
  type FixtureProcess,
  newRunId,
  query,
  startFixtureProcess,
  testDatabases,
} from './fixtures/fault-harness';

jest.setTimeout(120_000);

const kafka = () => createKafkaClient({ clientId: 'outbox-relay-spec', ...testKafka() });

async function distinctEventIds(topic: string): Promise<{ records: number; distinct: number }> {
  const records = await readTopicToEnd(kafka(), [topic]);
  return { records: records.length, distinct: new Set(records.map((record) => String(record.headers['welkom-event-id']))).size };
}

describe('transactional outbox and relay', () => {
  const databases = testDatabases();
  const services: CaseService[] = [];
  const processes: FixtureProcess[] = [];

  afterAll(async () => {
    for (const child of processes.splice(0)) await child.kill();
    for (const service of services.splice(0)) await service.close();
    await databases.dropAll();
  });

  it('applies every recorded fact exactly once, in per-case order', async () => {
    const runId = newRunId();
    const producerUrl = await databases.create('outbox_producer');
    const producer = await startCaseService(caseServiceSettings({ name: `producer-${runId}`, runId, databaseUrl: producerUrl }));
    services.push(producer);
    const consumerUrl = await databases.create('outbox_consumer');
    const consumer = await startCaseService(
      caseServiceSettings({ name: `consumer-${runId}`, runId, databaseUrl: consumerUrl, consume: 'one-by-one' }),
    );
    services.push(consumer);

    const facts = caseFacts(runId, 5, 40);
    for (let start = 0; start < facts.length; start += 20) await producer.recordFacts(facts.slice(start, start + 20));

    const summary = await eventually(async () => {
      const current = await effectSummary(consumerUrl);
      return current.applied >= facts.length ? current : undefined;
    }, 60_000);
    expect(summary).toEqual({ applied: facts.length, distinctEvents: facts.length, duplicatesSkipped: 0, casesOutOfOrder: [] });
    expect(await distinctEventIds(producer.topic.name)).toEqual({ records: facts.length, distinct: facts.length });
    expect(await query(producerUrl, 'SELECT 1 FROM messaging_outbox')).toEqual([]);

    const topic = producer.topic.name;
    const produced = await producer.app.get(MessagingMetrics).registry.metrics();
    expect(produced).toContain(`welkom_events_published_total{topic="${topic}"} ${facts.length}`);
    expect(produced).toContain('welkom_outbox_relay_leader 1');
    expect(produced).not.toMatch(/welkom_outbox_pending_events\{/);
    const consumed = await eventually(async () => {
      const text = await consumer.app.get(MessagingMetrics).registry.metrics();
      return /welkom_consumer_lag_events\{[^}]*\} [1-9]/.test(text) ? undefined : text;
    });
    expect(consumed).toContain(`welkom_events_consumed_total{topic="${topic}",group="consumer-${runId}"} ${facts.length}`);
    // Five case keys need not cover all three partitions: check every partition the group consumed from.
    const lagLines = consumed.split('\n').filter((line) => line.startsWith(`welkom_consumer_lag_events{topic="${topic}"`));
    expect(lagLines.length).toBeGreaterThan(0);
    for (const line of lagLines) expect(line).toMatch(new RegExp(`group="consumer-${runId}"\\} 0$`));
  });

  it('reports the outbox backlog while the relay is not publishing', async () => {
    const runId = newRunId();
    const producer = await startCaseService(
      caseServiceSettings({
        name: `idle-${runId}`,
        runId,
        databaseUrl: await databases.create('outbox_backlog'),
        relay: { enabled: false },
      }),
    );
    services.push(producer);
    await producer.recordFacts(caseFacts(runId, 2, 3));

    const text = await producer.app.get(MessagingMetrics).registry.metrics();

    expect(text).toContain(`welkom_outbox_pending_events{topic="${producer.topic.name}"} 6`);
    expect(text).toMatch(new RegExp(`welkom_outbox_lag_seconds\\{topic="[^"]+"\\} \\d`));
    expect(text).toContain('welkom_outbox_relay_leader 0');
  });

  it('never applies twice what a relay killed between publishing and marking done published again (c)', async () => {
    const runId = newRunId();
    const producerUrl = await databases.create('relay_kill_producer');
    // The producing service writes the outbox; relays run as separate processes we can kill.
    const producer = await startCaseService(
      caseServiceSettings({ name: `producer-${runId}`, runId, databaseUrl: producerUrl, relay: { enabled: false } }),
    );
    services.push(producer);
    const consumerUrl = await databases.create('relay_kill_consumer');
    services.push(
      await startCaseService(caseServiceSettings({ name: `consumer-${runId}`, runId, databaseUrl: consumerUrl, consume: 'one-by-one' })),
    );
    const facts = caseFacts(runId, 6, 100);
    for (let start = 0; start < facts.length; start += 50) await producer.recordFacts(facts.slice(start, start + 50));

    const relayEnv = { DATABASE_URL: producerUrl, KAFKA_BROKERS: testInfrastructure().kafkaBrokers.join(','), RELAY_BATCH_SIZE: '100' };
    // Publishes round 1 and marks it done, publishes round 2 and is SIGKILLed before it can mark it done.
    const doomed = await startFixtureProcess('crashing-relay.main.ts', { ...relayEnv, CRASH_AFTER_ROUNDS: '2' }, /ready/);
    processes.push(doomed);
    await doomed.exited;
    expect(doomed.output.join('')).toMatch(/published round 2 \(100 records\)/);
    const [{ pending }] = await query<{ pending: number }>(producerUrl, 'SELECT count(*)::int AS pending FROM messaging_outbox');
    expect(pending).toBe(facts.length - 100);

    // Two more relays at once: one leads, the other stands by; the leader publishes round 2 again.
    for (let index = 0; index < 2; index += 1) {
      processes.push(await startFixtureProcess('crashing-relay.main.ts', relayEnv, /ready/));
    }
    const summary = await eventually(async () => {
      const current = await effectSummary(consumerUrl);
      return current.applied + current.duplicatesSkipped >= facts.length + 100 ? current : undefined;
    }, 60_000);

    console.log(`relay kill: ${facts.length} facts, ${JSON.stringify(summary)}`);
    expect(summary).toEqual({ applied: facts.length, distinctEvents: facts.length, duplicatesSkipped: 100, casesOutOfOrder: [] });
    // The 100 duplicates really were on the wire, and nothing else was published twice.
    expect(await distinctEventIds(producer.topic.name)).toEqual({ records: facts.length + 100, distinct: facts.length });
  });
});
