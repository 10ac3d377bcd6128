import { APPLICATION_INTAKE_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { Application, ApplicationIntakeServiceClient } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import {
  DeliveryState,
  type EvidenceItem,
  type InternationalOfficeServiceClient,
  PushOutcome,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { deadLetterTopicOf, ENVELOPE_HEADERS, TOPICS } from '@welkom/events';
import { createKafkaClient, readTopicToEnd } from '@welkom/messaging';
import { testKafka } from '@welkom/testing';
import { call, type Chain, startChain, until } from './chain-harness';
import { leidenStudentFiling, leidenStudentProofs } from './leiden-student';

jest.setTimeout(600_000);

const S = ApplicationStatus;

/**
 * Issue 17, transient faults: the hub dies (SIGKILL) while a university files a cohort and its cases are being
 * assessed, and stays away for several seconds. Nothing the IND or the university does may be lost, decided
 * twice or dead-lettered because the hub was away: requests to it are retried until it answers, and the events it
 * missed wait for it on Kafka.
 */
interface Person {
  reference: string;
  subject: SubjectIdentifier;
  /** Proofs reach the hub only after the outage: the case waits for them (EVIDENCE_PENDING) first. */
  late: boolean;
}

const PEOPLE: Person[] = Array.from({ length: 48 }, (_, k) => ({
  reference: `OUT-S-${k + 1}`,
  subject: { passport: { number: `O${String(k + 1).padStart(7, '0')}`, issuingCountry: 'US' } },
  late: k % 4 === 3,
}));

const HISTORY = {
  onTime: [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
  late: [
    S.APPLICATION_STATUS_SUBMITTED,
    S.APPLICATION_STATUS_EVIDENCE_PENDING,
    S.APPLICATION_STATUS_GRANTED,
    S.APPLICATION_STATUS_PERMIT_ISSUED,
  ],
};

const proofs = (p: Person): EvidenceItem[] => leidenStudentProofs(p.reference, p.subject);

describe('the hub killed while a cohort is filed and assessed', () => {
  let chain: Chain;
  let office: InternationalOfficeServiceClient;
  let ind: ApplicationIntakeServiceClient;
  const outage = { downMs: 0, bootMs: 0, filedWhileDown: 0 };
  let cases = new Map<string, Application>();

  const indCases = async (): Promise<Map<string, Application>> => {
    const { applications } = await call(ind.listApplications({ pageSize: 500, pageToken: '' }));
    return new Map(applications.map((application) => [application.sponsorReference, application]));
  };
  const push = async (items: EvidenceItem[]): Promise<void> => {
    const { results } = await call(office.pushEvidenceBatch({ items }));
    expect(results.map((result) => result.outcome)).toEqual(items.map(() => PushOutcome.PUSH_OUTCOME_ACCEPTED));
  };

  beforeAll(async () => {
    chain = await startChain({ label: 'hub-outage' });
    office = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'university-leiden');
    ind = chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, 'ind');
    await push(PEOPLE.filter((p) => !p.late).flatMap(proofs));

    // Filing goes on in 8 lanes; a quarter in, the hub dies and stays away for 8 s.
    let filed = 0;
    let hubDown = false;
    const filings = (async () => {
      let next = 0;
      await Promise.all(
        Array.from({ length: 8 }, async () => {
          while (next < PEOPLE.length) {
            const p = PEOPLE[next];
            next += 1;
            await call(office.fileApplication(leidenStudentFiling(p.reference, p.subject)));
            filed += 1;
            if (hubDown) outage.filedWhileDown += 1;
          }
        }),
      );
    })();
    await until('a quarter of the cohort filed', async () => (filed >= PEOPLE.length / 4 ? true : undefined));
    hubDown = true;
    const restarted = await chain.restartHub('kill', 8_000);
    hubDown = false;
    Object.assign(outage, restarted);
    await filings;

    // The late proofs come once the hub is back and every late case is waiting for them (a case first assessed
    // after the push would never wait); every case then reaches its permit.
    const late = PEOPLE.filter((p) => p.late);
    await until(
      'every late case waiting for its proofs',
      async () => {
        const all = await indCases();
        return late.every((p) => all.get(p.reference)?.status === S.APPLICATION_STATUS_EVIDENCE_PENDING) ? true : undefined;
      },
      300_000,
    );
    await push(late.flatMap(proofs));
    cases = await until(
      'every case at PERMIT_ISSUED',
      async () => {
        const all = await indCases();
        return PEOPLE.every((p) => all.get(p.reference)?.status === S.APPLICATION_STATUS_PERMIT_ISSUED) ? all : undefined;
      },
      300_000,
    );
    console.log(
      `hub outage: SIGKILL, ${outage.downMs} ms down, boot ${outage.bootMs} ms; ${PEOPLE.length} filings, ` +
        `${outage.filedWhileDown} of them answered while the hub was away`,
    );
  });

  afterAll(async () => {
    await chain?.stop();
  });

  it('kept filing while the hub was away, and delivered every filing', async () => {
    expect(outage.downMs).toBeGreaterThanOrEqual(8_000);
    expect(outage.filedWhileDown).toBeGreaterThan(0);
    const { applications } = await call(office.listApplications({ pageSize: 500, pageToken: '' }));
    const ours = applications.filter((application) => PEOPLE.some((p) => p.reference === application.applicationReference));
    expect(ours.map((application) => application.deliveryState)).toEqual(PEOPLE.map(() => DeliveryState.DELIVERY_STATE_DELIVERED));
  });

  it('publishes every status transition of every case once, in order', async () => {
    const kafka = createKafkaClient({ clientId: 'hub-outage-status-reader', ...testKafka() });
    const records = await readTopicToEnd(kafka, [TOPICS.applicationStatusChanged.name], 60_000);
    const referenceOf = new Map([...cases.values()].map((application) => [application.applicationRef, application.sponsorReference]));
    const transitions = new Map<string, Map<string, ApplicationStatus>>();
    for (const record of records) {
      const event = ApplicationStatusChanged.decode(record.value ?? Buffer.alloc(0));
      const reference = referenceOf.get(event.applicationRef);
      if (!reference) continue;
      // A record published twice by the outbox keeps its event id; a second decision would have a new one.
      const events = transitions.get(reference) ?? new Map<string, ApplicationStatus>();
      events.set(String(record.headers[ENVELOPE_HEADERS.eventId] ?? ''), event.status);
      transitions.set(reference, events);
    }
    expect(PEOPLE.map((p) => [p.reference, [...(transitions.get(p.reference)?.values() ?? [])]])).toEqual(
      PEOPLE.map((p) => [p.reference, p.late ? HISTORY.late : HISTORY.onTime]),
    );
  });

  it('dead-letters nothing about the cohort: the outage was waited out, not given up on', async () => {
    const kafka = createKafkaClient({ clientId: 'hub-outage-dlt-reader', ...testKafka() });
    const records = await readTopicToEnd(
      kafka,
      Object.values(TOPICS).map((topic) => deadLetterTopicOf(topic)),
      60_000,
    );
    // Dead letters hold the original record: any naming one of this run's cases or subjects would be ours.
    const marks = [...cases.values()].flatMap((application) => [application.applicationRef, application.subject?.pseudonym ?? '']);
    expect(marks.filter((mark) => mark !== '')).toHaveLength(PEOPLE.length * 2);
    const ours = records.filter((record) => {
      const text = [record.key, record.value, ...Object.values(record.headers)].map((part) => String(part ?? '')).join('\n');
      return marks.some((mark) => mark !== '' && text.includes(mark));
    });
    expect(ours.map((record) => `${record.topic}@${record.offset}`)).toEqual([]);
  });
});
