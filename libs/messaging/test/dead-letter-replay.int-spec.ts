import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import type { TopicDefinition } from '@welkom/events';
import { createKafkaClient, listDeadLetters, runDeadLetterCommand, TopicCatalog } from '@welkom/messaging';
import { eventually, kafkaToolEnvironment, testKafka } from '@welkom/testing';
import { type CaseService, startCaseService } from './fixtures/case-service';
import { caseFacts, caseServiceSettings, effectSummary, newRunId, query, testDatabases } from './fixtures/fault-harness';

jest.setTimeout(120_000);

const REPO_ROOT = resolve(__dirname, '..', '..', '..');

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

describe('dead letters and replay', () => {
  const databases = testDatabases();
  const services: CaseService[] = [];

  afterAll(async () => {
    for (const service of services.splice(0)) await service.close();
    await databases.dropAll();
  });

  it('replaying the dead letters twice after a fix applies each event once (e)', async () => {
    const runId = newRunId();
    const producer = await startCaseService(
      caseServiceSettings({ name: `producer-${runId}`, runId, databaseUrl: await databases.create('replay_producer') }),
    );
    services.push(producer);
    const consumerUrl = await databases.create('replay_consumer');
    const group = `consumer-${runId}`;
    const consumer = await startCaseService(caseServiceSettings({ name: group, runId, databaseUrl: consumerUrl, consume: 'one-by-one' }));
    services.push(consumer);
    const facts = caseFacts(runId, 4, 10);
    const refusedCase = `case-${runId}-2`;
    consumer.rules.refusedCases.add(refusedCase);
    await producer.recordFacts(facts);

    const refused = facts.filter((fact) => fact.caseId === refusedCase).length;
    const kafka = createKafkaClient({ clientId: 'replay-spec', ...testKafka() });
    await eventually(async () => ((await listDeadLetters(kafka, [producer.topic.name])).length === refused ? true : undefined), 60_000);
    // The refused case's letters can reach the DLT before the other cases' facts are applied (other partitions).
    const applied = await eventually(async () => {
      const summary = await effectSummary(consumerUrl);
      return summary.applied >= facts.length - refused ? summary.applied : undefined;
    }, 60_000);
    expect(applied).toBe(facts.length - refused);

    const env = { ...kafkaToolEnvironment(), DATABASE_URL: consumerUrl };
    const listed = await dlt(['list', '--topic', producer.topic.name], env);
    expect(listed.code).toBe(0);
    expect(listed.output).toContain(`${refused} dead letter(s)`);
    expect(
      listed.output.match(/BUSINESS_REJECTION {2}group=consumer-\w+ .*replayed=0 {2}reason="case case-\w+-2 is not open"/g),
    ).toHaveLength(refused);

    const [first] = await listDeadLetters(kafka, [producer.topic.name]);
    const shown: string[] = [];
    const showCode = await runDeadLetterCommand(['show', first.id], {
      kafka,
      topics: new TopicCatalog([producer.topic as TopicDefinition<unknown>]),
      operator: 'fault-test',
      out: (line) => shown.push(line),
    });
    expect(showCode).toBe(0);
    expect(JSON.parse(shown.join('\n'))).toMatchObject({
      id: first.id,
      errorClass: 'BUSINESS_REJECTION',
      reason: `case ${refusedCase} is not open`,
      consumerGroup: group,
      sourceTopic: producer.topic.name,
      key: refusedCase,
      payload: { caseId: refusedCase, sequence: 1 },
    });

    // The fix: the case is open now.
    consumer.rules.refusedCases.clear();
    for (let replay = 1; replay <= 2; replay += 1) {
      const replayed = await dlt(['replay', '--all', '--topic', producer.topic.name, '--by', 'fault-test'], env);
      expect(replayed.code).toBe(0);
      expect(replayed.output).toContain(`${refused} dead letter(s) replayed`);
      await eventually(async () => {
        const summary = await effectSummary(consumerUrl);
        return summary.applied + summary.duplicatesSkipped === facts.length + (replay - 1) * refused ? true : undefined;
      }, 60_000);
    }

    const summary = await effectSummary(consumerUrl);
    console.log(`replay: ${facts.length} events, ${refused} dead-lettered and replayed twice; ${JSON.stringify(summary)}`);
    expect(summary).toEqual({ applied: facts.length, distinctEvents: facts.length, duplicatesSkipped: refused, casesOutOfOrder: [] });
    const log = await query<{ replays: number; by: string }>(
      consumerUrl,
      `SELECT count(*)::int AS replays, min(replayed_by) AS by FROM messaging_dead_letter_replay WHERE source_topic = $1`,
      [producer.topic.name],
    );
    expect(log).toEqual([{ replays: 2 * refused, by: 'fault-test' }]);
    // Nothing new was dead-lettered by the replays: the fix held, and duplicates are no failure.
    expect(await listDeadLetters(kafka, [producer.topic.name])).toHaveLength(refused);
    const relisted = await dlt(['list', '--topic', producer.topic.name], env);
    expect(relisted.output.match(/replayed=2/g)).toHaveLength(refused);
  });
});
