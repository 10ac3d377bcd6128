import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { buildSignedRecord, createKafkaClient, EnvelopeSigner, listDeadLetters, REPLAY_MARK_HEADERS } from '@welkom/messaging';
import { eventually, testInfrastructure } from '@welkom/testing';
import { type CaseService, startCaseService } from './fixtures/case-service';
import { caseServiceSettings, newRunId, query, testDatabases } from './fixtures/fault-harness';

jest.setTimeout(120_000);

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const WINDOW_MS = 60_000;
const TWO_HOURS_MS = 2 * 60 * 60 * 1000;

/** `npm run dlt -- …`, as an operator runs it. */
function dlt(args: string[], env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/dlt.ts', ...args], {
    cwd: REPO_ROOT,
    env: { ...process.env, KAFKAJS_NO_PARTITIONER_WARNING: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString('utf8')));
  return new Promise((done) => child.once('exit', (code) => done({ code, output })));
}

describe('the freshness window against the real broker', () => {
  const databases = testDatabases();
  const services: CaseService[] = [];

  afterAll(async () => {
    for (const service of services.splice(0)) await service.close();
    await databases.dropAll();
  });

  it('dead-letters an event older than the window as STALE, refuses a forged replay mark, and applies an audited replay', async () => {
    const runId = newRunId();
    const consumerUrl = await databases.create('freshness_consumer');
    const consumer = await startCaseService(
      caseServiceSettings({ name: `fresh-${runId}`, runId, databaseUrl: consumerUrl, consume: 'one-by-one', freshnessWindowMs: WINDOW_MS }),
    );
    services.push(consumer);
    const { certificates, kafkaBrokers } = testInfrastructure();
    const hub = certificates.parties.hub;
    const signer = EnvelopeSigner.fromFiles({ certificatePath: hub.certificatePath, privateKeyPath: hub.privateKeyPath });
    const kafka = createKafkaClient({ clientId: `freshness-${runId}`, brokers: kafkaBrokers });
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
      const replayed = await dlt(['replay', staleLetter?.id ?? '', '--by', 'freshness-test'], {
        KAFKA_BROKERS: kafkaBrokers.join(','),
        DATABASE_URL: consumerUrl,
        TLS_CERT_FILE: hub.certificatePath,
        TLS_KEY_FILE: hub.privateKeyPath,
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
      ).toEqual([{ by: 'freshness-test' }]);
    } finally {
      await producer.disconnect();
    }
  });
});
