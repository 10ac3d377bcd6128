import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Partitioners, type Message } from 'kafkajs';
import { deadLetterTopicOf, type TopicDefinition } from '@welkom/events';
import {
  buildSignedRecord,
  createKafkaClient,
  DEAD_LETTER_HEADERS,
  EnvelopeSigner,
  readTopicToEnd,
  type DeadLetterErrorClass,
} from '@welkom/messaging';
import { eventually, testInfrastructure, testKafka } from '@welkom/testing';
import { ensureUntrustedCertificates } from '@welkom/infrastructure';
import { type CaseFact, caseFactTopic } from './fixtures/case-fact.codec';
import { type CaseService, startCaseService } from './fixtures/case-service';
import {
  caseFacts,
  caseServiceSettings,
  committedRecords,
  effectSummary,
  endOffsets,
  type FixtureProcess,
  HUB_OIN,
  newRunId,
  startFixtureProcess,
  testDatabases,
} from './fixtures/fault-harness';

jest.setTimeout(120_000);

const EXPECTED_CLASS_HEADER = 'test-expected-dead-letter-class';
const kafka = () => createKafkaClient({ clientId: 'consumer-faults-spec', ...testKafka() });

describe('consumer faults', () => {
  const databases = testDatabases();
  const services: CaseService[] = [];
  const processes: FixtureProcess[] = [];
  const scratchDirectories: string[] = [];

  afterAll(async () => {
    for (const child of processes.splice(0)) await child.kill();
    for (const service of services.splice(0)) await service.close();
    await databases.dropAll();
    for (const directory of scratchDirectories) rmSync(directory, { recursive: true, force: true });
  });

  it('applies every event exactly once when the consumer is SIGKILLed mid-batch and restarted (b)', async () => {
    const runId = newRunId();
    const producer = await startCaseService(
      caseServiceSettings({ name: `producer-${runId}`, runId, databaseUrl: await databases.create('kill_producer') }),
    );
    services.push(producer);
    const facts = caseFacts(runId, 9, 150);
    for (let start = 0; start < facts.length; start += 150) await producer.recordFacts(facts.slice(start, start + 150));

    const consumerUrl = await databases.create('kill_consumer');
    const group = `consumer-${runId}`;
    const settings = caseServiceSettings({
      name: group,
      runId,
      databaseUrl: consumerUrl,
      consume: 'one-by-one',
      commitEvery: 50,
      handlerDelayMs: 2,
      sessionTimeoutMs: 6_000,
      relay: { enabled: false },
    });
    const env = { CASE_SERVICE_SETTINGS: JSON.stringify(settings) };
    const first = await startFixtureProcess('case-consumer.main.ts', env, /ready/);
    processes.push(first);

    await eventually(async () => ((await effectSummary(consumerUrl)).applied >= facts.length / 3 ? true : undefined), 60_000);
    await first.kill();
    // Give PostgreSQL a moment to finish a COMMIT that was already on the wire when the process died.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const appliedAtKill = (await effectSummary(consumerUrl)).applied;
    const committedAtKill = await committedRecords(kafka(), group, producer.topic.name);
    expect(appliedAtKill).toBeLessThan(facts.length);

    processes.push(await startFixtureProcess('case-consumer.main.ts', env, /ready/));
    const summary = await eventually(async () => {
      const current = await effectSummary(consumerUrl);
      return current.applied + current.duplicatesSkipped >= facts.length + (appliedAtKill - committedAtKill) ? current : undefined;
    }, 90_000);

    console.log(
      `consumer kill: ${facts.length} events, applied ${appliedAtKill} / committed ${committedAtKill} at the kill; ${JSON.stringify(summary)}`,
    );
    // Everything applied but not yet committed at the kill was delivered again, and skipped by the inbox.
    expect(summary).toEqual({
      applied: facts.length,
      distinctEvents: facts.length,
      duplicatesSkipped: appliedAtKill - committedAtKill,
      casesOutOfOrder: [],
    });
    expect(appliedAtKill).toBeGreaterThan(committedAtKill);
  });

  it('parks poison with the right reason, applies every good event once, and never stalls a partition (d)', async () => {
    const runId = newRunId();
    const topic = caseFactTopic(runId);
    const { certificates } = testInfrastructure();
    // Two consumer groups with the same records: one applies event by event, one in batches.
    const consumers = [];
    for (const consume of ['one-by-one', 'in-batches'] as const) {
      const url = await databases.create(`poison_${consume.replace(/-/g, '_')}`);
      // Nothing is killed here: the default session timeout, so a loaded machine's late heartbeats cause no
      // rebalance, which would hand the uncommitted events to the group again (duplicates, though harmless).
      const service = await startCaseService(
        caseServiceSettings({ name: `${consume}-${runId}`, runId, databaseUrl: url, consume, sessionTimeoutMs: 30_000 }),
      );
      services.push(service);
      consumers.push({ group: `${consume}-${runId}`, url });
    }

    const signer = EnvelopeSigner.fromFiles(certificates.parties.hub);
    const unauthorisedSigner = EnvelopeSigner.fromFiles(certificates.parties.ind);
    const untrustedDirectory = join(certificates.caCertificatePath, '..', `untrusted-${runId}`);
    scratchDirectories.push(untrustedDirectory);
    const untrusted = await ensureUntrustedCertificates(untrustedDirectory, [{ key: 'hub', oin: HUB_OIN, name: 'Welkom Hub (impostor)' }]);
    const impostor = EnvelopeSigner.fromFiles(untrusted.parties.hub);
    const poisonKinds = poisonFactory(topic, signer, unauthorisedSigner, impostor);

    const good = caseFacts(runId, 4, 60);
    const messages: Message[] = [];
    let poisonCount = 0;
    for (const [index, fact] of good.entries()) {
      messages.push(await goodMessage(topic, fact, signer));
      if (index % 8 === 3) {
        const kind = poisonKinds[poisonCount % poisonKinds.length];
        messages.push(await kind(fact.caseId));
        poisonCount += 1;
      }
    }
    const producer = kafka().producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true, maxInFlightRequests: 1 });
    await producer.connect();
    await producer.send({ topic: topic.name, acks: -1, messages });
    await producer.disconnect();
    const end = await endOffsets(kafka(), topic.name);
    expect(end).toBe(good.length + poisonCount);

    for (const consumer of consumers) {
      // The partition never stalls: every group reaches the end of every partition.
      await eventually(async () => ((await committedRecords(kafka(), consumer.group, topic.name)) === end ? true : undefined), 60_000);
      expect(await effectSummary(consumer.url)).toEqual({
        applied: good.length,
        distinctEvents: good.length,
        duplicatesSkipped: 0,
        casesOutOfOrder: [],
      });
    }
    const letters = await readTopicToEnd(kafka(), [deadLetterTopicOf(topic)]);
    for (const consumer of consumers) {
      const parked = letters.filter((letter) => String(letter.headers[DEAD_LETTER_HEADERS.consumerGroup]) === consumer.group);
      expect(parked).toHaveLength(poisonCount);
      for (const letter of parked) {
        expect(String(letter.headers[DEAD_LETTER_HEADERS.errorClass])).toBe(String(letter.headers[EXPECTED_CLASS_HEADER]));
        expect(String(letter.headers[DEAD_LETTER_HEADERS.sourceTopic])).toBe(topic.name);
        expect(String(letter.headers[DEAD_LETTER_HEADERS.reason])).not.toBe('');
      }
    }
    const classes = letters.map((letter) => String(letter.headers[DEAD_LETTER_HEADERS.errorClass]));
    console.log(`poison: ${good.length} good and ${poisonCount} poison records; dead letters by class ${JSON.stringify(countBy(classes))}`);
  });
});

async function goodMessage(topic: TopicDefinition<CaseFact>, fact: CaseFact, signer: EnvelopeSigner): Promise<Message> {
  const record = await buildSignedRecord(topic, fact, signer);
  return { key: record.key, value: record.value, headers: record.headers };
}

type PoisonKind = (caseId: string) => Promise<Message>;

/** One maker per kind of poison, each on the case's key so it sits in the same partition as good events. */
function poisonFactory(
  topic: TopicDefinition<CaseFact>,
  signer: EnvelopeSigner,
  unauthorisedSigner: EnvelopeSigner,
  impostor: EnvelopeSigner,
): PoisonKind[] {
  const expect = (message: Message, errorClass: DeadLetterErrorClass): Message => ({
    ...message,
    headers: { ...message.headers, [EXPECTED_CLASS_HEADER]: errorClass },
  });
  const fact = (caseId: string): CaseFact => ({ caseId, sequence: 999 });
  return [
    async (caseId) => expect({ key: caseId, value: randomBytes(64) }, 'MALFORMED_ENVELOPE'),
    async (caseId) => {
      // Correctly signed, but claims a schema version the topic does not carry.
      const record = await buildSignedRecord({ ...topic, schemaVersion: 2 }, fact(caseId), signer);
      return expect({ key: record.key, value: record.value, headers: record.headers }, 'SCHEMA_VIOLATION');
    },
    async (caseId) => {
      // Correctly signed bytes that are not a CaseFact: field 1 announces 255 bytes and ends.
      const record = await buildSignedRecord(topic, fact(caseId), signer);
      const value = Buffer.from([0x0a, 0xff, 0x01, 0x41]);
      const signature = await signer.sign(record.envelope, record.key, value);
      return expect({ key: record.key, value, headers: { ...record.headers, 'welkom-signature': signature } }, 'SCHEMA_VIOLATION');
    },
    async (caseId) => {
      // Signed, then altered in transit.
      const record = await buildSignedRecord(topic, fact(caseId), signer);
      const value = Buffer.from(topic.codec.encode({ caseId, sequence: 1000 }).finish());
      return expect({ key: record.key, value, headers: record.headers }, 'BAD_SIGNATURE');
    },
    async (caseId) => {
      // The hub's OIN in a certificate from a CA nobody trusts.
      const record = await buildSignedRecord(topic, fact(caseId), impostor);
      return expect({ key: record.key, value: record.value, headers: record.headers }, 'BAD_SIGNATURE');
    },
    async (caseId) => {
      // A genuine party (IND) that may not publish case facts.
      const record = await buildSignedRecord(topic, fact(caseId), unauthorisedSigner);
      return expect({ key: record.key, value: record.value, headers: record.headers }, 'UNAUTHORISED_PUBLISHER');
    },
    async (caseId) => {
      // Not signed at all.
      const record = await buildSignedRecord(topic, fact(caseId), signer);
      const { ['welkom-signature']: _signature, ...unsigned } = record.headers;
      return expect({ key: record.key, value: record.value, headers: unsigned }, 'BAD_SIGNATURE');
    },
  ];
}

function countBy(values: string[]): Record<string, number> {
  return values.reduce<Record<string, number>>((counts, value) => ({ ...counts, [value]: (counts[value] ?? 0) + 1 }), {});
}
