import { DEV_PARTIES_FILE } from '@welkom/infrastructure';
import { buildSignedRecord, createKafkaClient, EnvelopeSigner, listDeadLetters, REPLAY_MARK_HEADERS } from '@welkom/messaging';
import { eventually, kafkaToolEnvironment, serviceRun, testInfrastructure, testKafka } from '@welkom/testing';
import { type CaseService, startCaseService } from './fixtures/case-service';
import { caseServiceSettings, newRunId, query, runDltTool, testDatabases } from './fixtures/fault-harness';

jest.setTimeout(120_000);

const WINDOW_MS = 60_000;
const TWO_HOURS_MS = 2 * 60 * 60 * 1000;
const OPERATOR_KEY = 'operator.anna.devries';

describe('the freshness window against the real broker', () => {
  const databases = testDatabases();
  const services: CaseService[] = [];
  // A replay is recorded at the hub first, with the operator its certificate names (issue 12).
  const hubRun = serviceRun('freshness');
  let hubAddress = '';

  beforeAll(async () => {
    const hub = await hubRun.start({
      app: 'hub',
      party: 'hub',
      env: { PARTY_SEED_FILE: DEV_PARTIES_FILE, SUBJECT_PSEUDONYM_SECRET: 'freshness-spec-secret-0123456789abcdef' },
    });
    hubAddress = hub.grpcAddress;
  });

  afterAll(async () => {
    for (const service of services.splice(0)) await service.close();
    await databases.dropAll();
    await hubRun.stop();
  });

  it('dead-letters an event older than the window as STALE, refuses a forged replay mark, and applies an audited replay', async () => {
    const runId = newRunId();
    const consumerUrl = await databases.create('freshness_consumer');
    const consumer = await startCaseService(
      caseServiceSettings({ name: `fresh-${runId}`, runId, databaseUrl: consumerUrl, consume: 'one-by-one', freshnessWindowMs: WINDOW_MS }),
    );
    services.push(consumer);
    const { certificates } = testInfrastructure();
    const hub = certificates.parties.hub;
    const signer = EnvelopeSigner.fromFiles({ certificatePath: hub.certificatePath, privateKeyPath: hub.privateKeyPath });
    const kafka = createKafkaClient({ clientId: `freshness-${runId}`, ...testKafka() });
    const producer = kafka.producer();
    await producer.connect();
    try {
      const longAgo = new Date(Date.now() - TWO_HOURS_MS);
      const fresh = await buildSignedRecord(consumer.topic, { caseId: `case-${runId}-fresh`, sequence: 1 }, signer);
      const stale = await buildSignedRecord(consumer.topic, { caseId: `case-${runId}-stale`, sequence: 1 }, signer, {
        occurredAt: longAgo,
      });
      // Somebody copies a replay mark into the headers without the replaying party's signature over it.
      const forged = await buildSignedRecord(consumer.topic, { caseId: `case-${runId}-forged`, sequence: 1 }, signer, {
        occurredAt: longAgo,
      });
      const forgedMark = JSON.stringify({
        deadLetterId: 'x',
        eventId: forged.envelope.eventId,
        replayedAt: new Date().toISOString(),
        replayedBy: 'nobody',
      });
      const otherText = await signer.signText(JSON.stringify({ eventId: 'another event' }));
      await producer.send({
        topic: consumer.topic.name,
        messages: [fresh, stale, forged].map((record) => ({
          key: record.key,
          value: record.value,
          headers:
            record === forged
              ? { ...record.headers, [REPLAY_MARK_HEADERS.mark]: forgedMark, [REPLAY_MARK_HEADERS.signature]: otherText }
              : record.headers,
        })),
      });

      const letters = await eventually(async () => {
        const parked = await listDeadLetters(kafka, [consumer.topic.name]);
        return parked.length === 2 ? parked : undefined;
      }, 60_000);
      expect(letters.map((letter) => letter.eventId).sort()).toEqual([stale.envelope.eventId, forged.envelope.eventId].sort());
      for (const letter of letters) {
        expect(letter.errorClass).toBe('STALE');
        expect(letter.reason).toMatch(/beyond the freshness window of 60 s/);
      }
      const applied = async () =>
        (await query<{ event_id: string }>(consumerUrl, 'SELECT event_id FROM case_effect ORDER BY id')).map((row) => row.event_id);
      await eventually(async () => ((await applied()).includes(fresh.envelope.eventId) ? true : undefined));
      expect(await applied()).toEqual([fresh.envelope.eventId]);

      // The audited path: the operator replays the stale dead letter as the hub party; the replay mark is signed.
      const staleLetter = letters.find((letter) => letter.eventId === stale.envelope.eventId);
      const operator = certificates.parties[OPERATOR_KEY];
      const replayed = await runDltTool(['replay', staleLetter?.id ?? ''], {
        ...kafkaToolEnvironment(),
        DATABASE_URL: consumerUrl,
        TLS_CERT_FILE: hub.certificatePath,
        TLS_KEY_FILE: hub.privateKeyPath,
        HUB_GRPC_ADDRESS: hubAddress,
        TLS_CA_FILE: certificates.caCertificatePath,
        OPERATOR_TLS_CERT_FILE: operator.certificatePath,
        OPERATOR_TLS_KEY_FILE: operator.privateKeyPath,
      });
      expect(replayed.code).toBe(0);
      await eventually(async () => ((await applied()).includes(stale.envelope.eventId) ? true : undefined), 60_000);
      expect(await applied()).toEqual([fresh.envelope.eventId, stale.envelope.eventId]);
      // The replay was not parked again, and it is in the replay log under the operator's name.
      expect(await listDeadLetters(kafka, [consumer.topic.name])).toHaveLength(2);
      expect(
        await query<{ by: string }>(consumerUrl, 'SELECT replayed_by AS by FROM messaging_dead_letter_replay WHERE event_id = $1', [
          stale.envelope.eventId,
        ]),
      ).toEqual([{ by: 'anna.devries' }]);
    } finally {
      await producer.disconnect();
    }
  });
});
