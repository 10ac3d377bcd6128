import { randomBytes, randomUUID } from 'node:crypto';
import { TOPICS } from '@welkom/events';
import { createKafkaClient, listDeadLetters } from '@welkom/messaging';
import { eventually, serviceRun, type ServiceUnderTest, testKafka } from '@welkom/testing';
import { type DemoStory, planDemo } from '../scripts/demo/demo-cohort';
import { runDemo } from '../scripts/demo/demo-scenario';
import type { DemoSummary } from '../scripts/demo/demo-summary';
import type { DemoSystem } from '../scripts/demo/demo-system';
import { startServices } from '../scripts/start-services';

jest.setTimeout(900_000);

const SEED = 4711;
const SCALE = 1;

/**
 * What the chain must decide for each story, from the rules as the IND, UWV, RVO and the consular posts ship them
 * (DOMAIN.md and the reference files), written down here and not taken from the demo's output.
 */
const EXPECTED: Record<DemoStory, [category: string, outcome: string]> = {
  LEIDEN_STUDENT: ['STUDENT', 'PERMIT_ISSUED'],
  LEIDEN_STUDENT_LATE_PROOFS: ['STUDENT', 'PERMIT_ISSUED'],
  LEIDEN_STUDENT_PART_TIME: ['STUDENT', 'REFUSED:PROGRAMME_NOT_FULL_TIME'],
  // Granted on the enrolment, then the deregistration revokes it and the IND withdraws the grant.
  LEIDEN_STUDENT_DEREGISTERED: ['STUDENT', 'REFUSED:ENROLMENT_NOT_ACTIVE'],
  // A report after the permit is recorded; it changes no status.
  LEIDEN_STUDENT_DUTY_TO_NOTIFY: ['STUDENT', 'PERMIT_ISSUED'],
  DELFT_STUDENT: ['STUDENT', 'PERMIT_ISSUED'],
  LEIDEN_RESEARCHER: ['RESEARCHER', 'PERMIT_ISSUED'],
  LEIDEN_RESEARCHER_LATE_PROOFS: ['RESEARCHER', 'PERMIT_ISSUED'],
  DELFT_RESEARCHER: ['RESEARCHER', 'PERMIT_ISSUED'],
  HSM: ['HIGHLY_SKILLED_MIGRANT', 'PERMIT_ISSUED'],
  HSM_LATE_WAGE: ['HIGHLY_SKILLED_MIGRANT', 'PERMIT_ISSUED'],
  HSM_BELOW_CRITERION: ['HIGHLY_SKILLED_MIGRANT', 'REFUSED:SALARY_BELOW_CRITERION'],
  HSM_UNRECOGNISED_SPONSOR: ['HIGHLY_SKILLED_MIGRANT', 'REFUSED:SPONSOR_NOT_RECOGNISED'],
  HSM_WITH_FAMILY: ['HIGHLY_SKILLED_MIGRANT', 'PERMIT_ISSUED'],
  FAMILY_PARTNER: ['FAMILY_MEMBER', 'PERMIT_ISSUED'],
  FAMILY_CHILD: ['FAMILY_MEMBER', 'PERMIT_ISSUED'],
  FOUNDER: ['START_UP', 'PERMIT_ISSUED'],
  FOUNDER_MAJORITY_FACILITATOR: ['START_UP', 'REFUSED:START_UP_ADVICE_NEGATIVE'],
  MVV_STUDENT: ['STUDENT', 'PERMIT_ISSUED'],
  // Issued, never used: past the 90 days of the posts' rehearsal clock the leg lapses and the IND ends the case.
  MVV_STUDENT_NEVER_ENTERS: ['STUDENT', 'EXPIRED:MVV_NO_ENTRY_WITHIN_90_DAYS'],
};

/** The test's own count: the seed's cohort (who has which story) through the table above. */
function expectedDecisions(): Record<string, Record<string, number>> {
  const table: Record<string, Record<string, number>> = {};
  for (const person of planDemo({ seed: SEED, scale: SCALE })) {
    const [category, outcome] = EXPECTED[person.story];
    const row = (table[category] ??= {});
    row[outcome] = (row[outcome] ?? 0) + 1;
  }
  return table;
}

/**
 * Issue 16: `npm run demo` against every service `npm start` runs, on the shipped configuration (the same list the
 * start script uses, scripts/start-services.ts), over real Kafka, PostgreSQL and mTLS. The demo plays the parties'
 * back offices and one operator; its decisions per category must be the ones the rules call for.
 */
describe('npm run demo against the chain as npm start runs it', () => {
  const run = serviceRun('demo');
  const services = new Map<string, ServiceUnderTest>();
  let summary: DemoSummary;
  const log: string[] = [];

  beforeAll(async () => {
    const secret = `demo-${randomBytes(16).toString('hex')}`;
    let hubGrpcAddress = '';
    for (const service of startServices(() => secret)) {
      const started = await run.start({
        app: service.name,
        party: service.party,
        env: { ...service.env, ...(hubGrpcAddress ? { HUB_GRPC_ADDRESS: hubGrpcAddress } : {}) },
        readyTimeoutMs: 240_000,
      });
      if (service.name === 'hub') hubGrpcAddress = started.grpcAddress;
      services.set(service.name, started);
    }
    const system: DemoSystem = {
      services: Object.fromEntries(
        [...services].map(([name, service]) => [name, { grpc: service.grpcAddress, http: service.httpAddress, env: service.env }]),
      ),
      kafkaBrokers: run.infrastructure.kafkaBrokers,
      kafkaTls: run.infrastructure.kafkaTls,
      caCertificatePath: run.infrastructure.certificates.caCertificatePath,
      parties: run.infrastructure.certificates.parties,
    };
    summary = await runDemo({ seed: SEED, scale: SCALE, system, log: (line) => log.push(line), settleTimeoutMs: 240_000 });
  });

  afterAll(() => run.stop());

  it('ends with the decisions per category the rules call for, for this seed', () => {
    expect({ decisions: summary.decisions, log }).toEqual({ decisions: expectedDecisions(), log: [expect.stringMatching(/^Demo run /)] });
  });

  it('takes every MVV student through the consular leg; those who never enter see their MVV expire', () => {
    const count = (story: DemoStory) => planDemo({ seed: SEED, scale: SCALE }).filter((person) => person.story === story).length;
    expect(summary.mvv).toMatchObject({
      issued: count('MVV_STUDENT') + count('MVV_STUDENT_NEVER_ENTERS'),
      entered: count('MVV_STUDENT'),
      expired: count('MVV_STUDENT_NEVER_ENTERS'),
    });
  });

  it('counts the documents the hub did not ask again', () => {
    expect(summary.documentsNotAskedAgain.after).toBeGreaterThan(summary.documentsNotAskedAgain.before);
  });

  it('parks the poison message in the dead-letter topic with its reason, and an operator replays it', async () => {
    const letter = summary.deadLetter;
    expect(letter).toMatchObject({
      sourceTopic: TOPICS.sponsorNotification.name,
      consumerGroup: expect.stringMatching(/^ind\./) as string,
      errorClass: 'MALFORMED_ENVELOPE',
      reason: expect.stringMatching(/missing header/) as string,
      replayed: true,
    });
    // Replayed onto the source topic, where the IND read it again and (still poison) parked it again.
    const [, partition, offset] = /-> \S+\[(\d+)\]@(\d+)/.exec(letter?.replayOutput ?? '') ?? [];
    const kafka = createKafkaClient({ clientId: `demo-spec-${randomUUID()}`, ...testKafka(run.infrastructure) });
    const parkedAgain = await eventually(async () => {
      const found = (await listDeadLetters(kafka, [TOPICS.sponsorNotification.name])).filter(
        (each) =>
          each.consumerGroup === letter?.consumerGroup && each.sourcePartition === Number(partition) && each.sourceOffset === offset,
      );
      return found.length > 0 ? found : undefined;
    }, 60_000);
    expect(parkedAgain).toEqual([expect.objectContaining({ errorClass: 'MALFORMED_ENVELOPE' })]);
  });

  it('records the duty-to-notify reports and the evidence they revoked', () => {
    const reports = planDemo({ seed: SEED, scale: SCALE }).filter(
      (person) => person.story === 'LEIDEN_STUDENT_DEREGISTERED' || person.story === 'LEIDEN_STUDENT_DUTY_TO_NOTIFY',
    ).length;
    expect(summary.notificationsRecorded).toBe(reports);
    // Each report revokes the enrolment proof in the hub.
    expect(summary.evidenceRevoked).toBe(reports);
  });
});
