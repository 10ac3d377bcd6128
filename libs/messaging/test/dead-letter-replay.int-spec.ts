import { resolve } from 'node:path';
import type { TopicDefinition } from '@welkom/events';
import { createKafkaClient, listDeadLetters, runDeadLetterCommand, TopicCatalog } from '@welkom/messaging';
import { eventually, kafkaToolEnvironment, serviceRun, testInfrastructure, testKafka } from '@welkom/testing';
import { type CaseService, startCaseService } from './fixtures/case-service';
import { caseFacts, caseServiceSettings, effectSummary, newRunId, query, runDltTool, testDatabases } from './fixtures/fault-harness';

// A hub, two case services and several runs of the dlt tool (each a fresh node process) on a shared machine.
jest.setTimeout(300_000);

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const DEV_PARTIES_FILE = resolve(REPO_ROOT, 'deploy', 'parties', 'dev-parties.json');
/** A development operator in person (deploy/hub/operators.v1.json), whose certificate the replay runs with. */
const OPERATOR_KEY = 'operator.anna.devries';

describe('dead letters and replay', () => {
  const databases = testDatabases();
  const services: CaseService[] = [];
  // The real hub: every replay is recorded in its audit trail, with the operator its certificate names.
  const hubRun = serviceRun('dlt-replay');
  let hubAddress = '';
  let hubDatabaseUrl = '';

  beforeAll(async () => {
    const hub = await hubRun.start({
      app: 'hub',
      party: 'hub',
      env: { PARTY_SEED_FILE: DEV_PARTIES_FILE, SUBJECT_PSEUDONYM_SECRET: 'dlt-replay-spec-secret-0123456789abcdef' },
    });
    hubAddress = hub.grpcAddress;
    hubDatabaseUrl = hub.databaseUrl;
  });

  afterAll(async () => {
    for (const service of services.splice(0)) await service.close();
    await databases.dropAll();
    await hubRun.stop();
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
    const listed = await runDltTool(['list', '--topic', producer.topic.name], env);
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

    // Without an operator certificate nothing is replayed, and a self-declared name is no longer taken.
    expect(await runDltTool(['replay', '--all', '--topic', producer.topic.name], env)).toMatchObject({ code: 2 });
    await expect(
      runDeadLetterCommand(['replay', '--all', '--by', 'fault-test'], {
        kafka,
        topics: new TopicCatalog([producer.topic as TopicDefinition<unknown>]),
        out: () => undefined,
      }),
    ).rejects.toThrow(/--by is gone/);
    const operator = testInfrastructure().certificates.parties[OPERATOR_KEY];
    const operatorEnv = {
      ...env,
      HUB_GRPC_ADDRESS: hubAddress,
      TLS_CA_FILE: testInfrastructure().certificates.caCertificatePath,
      OPERATOR_TLS_CERT_FILE: operator.certificatePath,
      OPERATOR_TLS_KEY_FILE: operator.privateKeyPath,
    };

    // The fix: the case is open now.
    consumer.rules.refusedCases.clear();
    for (let replay = 1; replay <= 2; replay += 1) {
      const replayed = await runDltTool(['replay', '--all', '--topic', producer.topic.name], operatorEnv);
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
    expect(log).toEqual([{ replays: 2 * refused, by: 'anna.devries' }]);
    // Each replay is in the hub's audit trail first, with the operator in person beside the hub operator's OIN.
    const audited = await query<{ replays: number; operator: string }>(
      hubDatabaseUrl,
      `SELECT count(*)::int AS replays, min(actor_operator) AS operator FROM audit_entry
        WHERE action = 'DEAD_LETTER_REPLAYED' AND reason LIKE '%' || $1 || '%'`,
      [producer.topic.name],
    );
    expect(audited).toEqual([{ replays: 2 * refused, operator: 'anna.devries' }]);
    // Nothing new was dead-lettered by the replays: the fix held, and duplicates are no failure.
    expect(await listDeadLetters(kafka, [producer.topic.name])).toHaveLength(refused);
    const relisted = await runDltTool(['list', '--topic', producer.topic.name], env);
    expect(relisted.output.match(/replayed=2/g)).toHaveLength(refused);
  });
});
