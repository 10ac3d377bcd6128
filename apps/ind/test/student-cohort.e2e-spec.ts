import { APPLICATION_INTAKE_CONTRACT, AUDIT_CONTRACT, EVIDENCE_EXCHANGE_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { TuitionPayment } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { AuditServiceClient, SubjectAccessEntry } from '@welkom/contracts/generated/welkom/hub/v1/audit';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import {
  type Application,
  type ApplicationIntakeServiceClient,
  EvidenceWaitState,
  NotificationEffect,
} from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, ApplicationStatusChanged, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { DeadlineKind } from '@welkom/contracts/generated/welkom/ind/v1/deadline_events';
import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import {
  DeliveryState,
  type EvidenceItem,
  type FileApplicationRequest,
  type InternationalOfficeServiceClient,
  PushOutcome,
  type PushResult,
  type SponsoredApplication,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { ENVELOPE_HEADERS, TOPICS } from '@welkom/events';
import { createKafkaClient, readTopicToEnd } from '@welkom/messaging';
import { enrolmentProofItem, testKafka } from '@welkom/testing';
import { isoWeekdayOf, parseIsoDate, SATURDAY, SUNDAY } from '@welkom/platform';
import { bundledDeadlineReference } from '../src/deadlines/decision-period.reference';
import { decisionDeadlines } from '../src/deadlines/decision-deadline.calculator';
import { call, callError, type Chain, NON_RECOGNISED_SPONSOR, OIN, startChain, until } from './chain-harness';
import { LEIDEN_PHYSICS } from './leiden-student';

jest.setTimeout(900_000);

const S = ApplicationStatus;
const STUDENT = PermitCategory.PERMIT_CATEGORY_STUDENT;
const RESEARCHER = PermitCategory.PERMIT_CATEGORY_RESEARCHER;

/** What happens to each person in the cohort, and what the chain must end with. */
type Profile =
  | 'READY'
  | 'LATE_PROOF'
  | 'TUITION_MISSING'
  | 'TUITION_UNPAID_THEN_PAID'
  | 'DEREGISTERED_AFTER_GRANT'
  | 'DEREGISTERED_AFTER_PERMIT'
  | 'NOT_FULL_TIME'
  | 'RESEARCHER_READY'
  | 'RESEARCHER_LATE'
  | 'RESEARCHER_MEANS_NOT_MET'
  | 'NOT_RECOGNISED_SPONSOR';

interface Person {
  reference: string;
  category: PermitCategory;
  profile: Profile;
  subject: SubjectIdentifier;
  citizenship: string;
}

interface Expected {
  status: ApplicationStatus;
  reasonCode: string;
  history: ApplicationStatus[];
  /** The decision did not wait for a source (recognised-sponsor target 14 days instead of 49). */
  complete: boolean;
}

const EXPECTED: Record<Profile, Expected> = {
  READY: {
    status: S.APPLICATION_STATUS_PERMIT_ISSUED,
    reasonCode: '',
    history: [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
    complete: true,
  },
  LATE_PROOF: {
    status: S.APPLICATION_STATUS_PERMIT_ISSUED,
    reasonCode: '',
    history: [
      S.APPLICATION_STATUS_SUBMITTED,
      S.APPLICATION_STATUS_EVIDENCE_PENDING,
      S.APPLICATION_STATUS_GRANTED,
      S.APPLICATION_STATUS_PERMIT_ISSUED,
    ],
    complete: false,
  },
  TUITION_MISSING: {
    status: S.APPLICATION_STATUS_GRANTED,
    reasonCode: '',
    history: [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED],
    complete: true,
  },
  TUITION_UNPAID_THEN_PAID: {
    status: S.APPLICATION_STATUS_PERMIT_ISSUED,
    reasonCode: '',
    history: [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
    complete: true,
  },
  DEREGISTERED_AFTER_GRANT: {
    status: S.APPLICATION_STATUS_REFUSED,
    reasonCode: 'ENROLMENT_NOT_ACTIVE',
    history: [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_REFUSED],
    complete: true,
  },
  DEREGISTERED_AFTER_PERMIT: {
    status: S.APPLICATION_STATUS_PERMIT_ISSUED,
    reasonCode: '',
    history: [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
    complete: true,
  },
  NOT_FULL_TIME: {
    status: S.APPLICATION_STATUS_REFUSED,
    reasonCode: 'PROGRAMME_NOT_FULL_TIME',
    history: [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_REFUSED],
    complete: true,
  },
  RESEARCHER_READY: {
    status: S.APPLICATION_STATUS_PERMIT_ISSUED,
    reasonCode: '',
    history: [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED, S.APPLICATION_STATUS_PERMIT_ISSUED],
    complete: true,
  },
  RESEARCHER_LATE: {
    status: S.APPLICATION_STATUS_PERMIT_ISSUED,
    reasonCode: '',
    history: [
      S.APPLICATION_STATUS_SUBMITTED,
      S.APPLICATION_STATUS_EVIDENCE_PENDING,
      S.APPLICATION_STATUS_GRANTED,
      S.APPLICATION_STATUS_PERMIT_ISSUED,
    ],
    complete: false,
  },
  RESEARCHER_MEANS_NOT_MET: {
    status: S.APPLICATION_STATUS_REFUSED,
    reasonCode: 'RESEARCHER_MEANS_NOT_MET',
    history: [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_REFUSED],
    complete: true,
  },
  NOT_RECOGNISED_SPONSOR: {
    status: S.APPLICATION_STATUS_REFUSED,
    reasonCode: 'SPONSOR_NOT_RECOGNISED',
    history: [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_REFUSED],
    complete: false,
  },
};

// MVV-exempt nationalities (DOMAIN.md §2.6): this cohort runs the straight path from grant to permit; the MVV leg
// at the consular posts has its own cohort (apps/consular/test/mvv-cohort.e2e-spec.ts).
const COUNTRIES = ['US', 'CA', 'JP', 'KR', 'AU', 'NZ', 'GB', 'CH', 'DE', 'FR'];

function studentProfile(i: number): Profile {
  if (i <= 140) return 'READY';
  if (i <= 170) return 'LATE_PROOF';
  if (i <= 180) return 'TUITION_MISSING';
  if (i <= 188) return 'TUITION_UNPAID_THEN_PAID';
  if (i <= 194) return 'DEREGISTERED_AFTER_GRANT';
  if (i <= 197) return 'DEREGISTERED_AFTER_PERMIT';
  return 'NOT_FULL_TIME';
}

function researcherProfile(i: number): Profile {
  if (i <= 14) return 'RESEARCHER_READY';
  if (i <= 18) return 'RESEARCHER_LATE';
  return 'RESEARCHER_MEANS_NOT_MET';
}

const person = (reference: string, category: PermitCategory, profile: Profile, n: number): Person => ({
  reference,
  category,
  profile,
  subject: {
    passport: {
      number: `${category === STUDENT ? 'S' : 'R'}${String(n).padStart(7, '0')}`,
      issuingCountry: COUNTRIES[n % COUNTRIES.length],
    },
  },
  citizenship: COUNTRIES[n % COUNTRIES.length],
});

const STUDENTS = Array.from({ length: 200 }, (_, k) => person(`LEI-S-${k + 1}`, STUDENT, studentProfile(k + 1), k + 1));
const RESEARCHERS = Array.from({ length: 20 }, (_, k) => person(`LEI-R-${k + 1}`, RESEARCHER, researcherProfile(k + 1), 1000 + k + 1));
const OUTSIDERS = Array.from({ length: 5 }, (_, k) => person(`HSV-S-${k + 1}`, STUDENT, 'NOT_RECOGNISED_SPONSOR', 2000 + k + 1));
const LEIDEN = [...STUDENTS, ...RESEARCHERS];

function enrolmentItem(p: Person, fullTime = true): EvidenceItem {
  return enrolmentProofItem(p.reference, p.subject, LEIDEN_PHYSICS, fullTime);
}

function tuitionItem(p: Person, payment: TuitionPayment, suffix = ''): EvidenceItem {
  return {
    itemReference: `tuition-${p.reference}${suffix}`,
    subject: p.subject,
    tuitionPaymentStatus: { academicYear: '2026-2027', payment, paidUntilDate: '2027-08-31' },
    issuedAt: undefined,
    validUntil: undefined,
  };
}

function hostingItem(p: Person, meetsSalaryCriterion = true): EvidenceItem {
  return {
    itemReference: `hosting-${p.reference}`,
    subject: p.subject,
    hostingAgreement: {
      researchOrganisationName: 'Universiteit Leiden',
      agreementReference: `HA-${p.reference}`,
      researchTitle: 'Quantum materials',
      startDate: '2026-09-01',
      endDate: '2029-08-31',
      meetsSalaryCriterion,
    },
    issuedAt: undefined,
    validUntil: undefined,
  };
}

/** What the office knows before the academic year: everything except the late proofs. */
function itemsBeforeTheYear(p: Person): EvidenceItem[] {
  switch (p.profile) {
    case 'READY':
    case 'DEREGISTERED_AFTER_PERMIT':
      return [enrolmentItem(p), tuitionItem(p, TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL)];
    case 'TUITION_MISSING':
    case 'DEREGISTERED_AFTER_GRANT':
      return [enrolmentItem(p)];
    case 'TUITION_UNPAID_THEN_PAID':
      return [enrolmentItem(p), tuitionItem(p, TuitionPayment.TUITION_PAYMENT_NOT_PAID)];
    case 'NOT_FULL_TIME':
      return [enrolmentItem(p, false), tuitionItem(p, TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL)];
    case 'RESEARCHER_READY':
      return [hostingItem(p)];
    case 'RESEARCHER_MEANS_NOT_MET':
      return [hostingItem(p, false)];
    default:
      return [];
  }
}

function lateItems(p: Person): EvidenceItem[] {
  if (p.profile === 'LATE_PROOF') return [enrolmentItem(p), tuitionItem(p, TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL)];
  if (p.profile === 'RESEARCHER_LATE') return [hostingItem(p)];
  return [];
}

function filing(p: Person): FileApplicationRequest {
  return {
    applicationReference: p.reference,
    category: p.category,
    applicant: p.subject,
    citizenship: p.citizenship,
    intendedStayFrom: '2026-09-01',
    intendedStayUntil: p.category === STUDENT ? '2028-08-31' : '2029-08-31',
  };
}

/** Runs `work` over `items` with at most `lanes` in flight, as a back office with a few workers would. */
async function inLanes<T, R>(items: readonly T[], lanes: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await work(items[index]);
      }
    }),
  );
  return results;
}

async function allPages<T>(fetch: (token: string) => Promise<{ items: T[]; next: string }>): Promise<T[]> {
  const all: T[] = [];
  let token = '';
  do {
    const page = await fetch(token);
    all.push(...page.items);
    token = page.next;
  } while (token);
  return all;
}

const PURPOSE_OF: Partial<Record<EvidenceType, { purpose: string; legalBasis: string }>> = {
  [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF]: { purpose: 'ADMISSION_STUDY', legalBasis: 'Vw 2000 art. 24a' },
  [EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS]: { purpose: 'ADMISSION_STUDY', legalBasis: 'Vw 2000 art. 24a' },
  [EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT]: { purpose: 'ADMISSION_RESEARCH', legalBasis: 'Vw 2000 art. 24a' },
};

describe('a cohort of students and researchers through university, hub and IND', () => {
  const timings: [string, number][] = [];
  const phase = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings.push([name, Math.round(performance.now() - started)]);
    }
  };
  const cohortStarted = performance.now();
  let chain: Chain;
  let office: InternationalOfficeServiceClient;
  let indAsInd: () => ApplicationIntakeServiceClient;
  const pushed = new Map<string, PushResult>();
  const restart = { downMs: 0, bootMs: 0, queuedWhileDown: 0 };
  /** Round trips of the office's FileApplication (university → IND → hub and back) while all is well. */
  const filingLatencies: number[] = [];
  const percentile = (values: number[], p: number): number =>
    Math.round([...values].sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor((p / 100) * values.length))] ?? 0);
  let finalCases = new Map<string, Application>();
  let finalViews = new Map<string, SponsoredApplication>();

  const indCases = async (): Promise<Map<string, Application>> => {
    const all = await allPages(async (pageToken) => {
      const { applications, nextPageToken } = await call(indAsInd().listApplications({ pageSize: 500, pageToken }));
      return { items: applications, next: nextPageToken };
    });
    return new Map(all.map((application) => [application.sponsorReference, application]));
  };
  const universityViews = async (): Promise<Map<string, SponsoredApplication>> => {
    const all = await allPages(async (pageToken) => {
      const { applications, nextPageToken } = await call(office.listApplications({ pageSize: 500, pageToken }));
      return { items: applications, next: nextPageToken };
    });
    return new Map(all.map((application) => [application.applicationReference, application]));
  };
  const push = async (items: EvidenceItem[]): Promise<void> => {
    for (let start = 0; start < items.length; start += 500) {
      const { results } = await call(office.pushEvidenceBatch({ items: items.slice(start, start + 500) }));
      for (const result of results) {
        expect([result.itemReference, result.outcome]).toEqual([result.itemReference, PushOutcome.PUSH_OUTCOME_ACCEPTED]);
        pushed.set(result.itemReference, result);
      }
    }
  };
  /** Waits until every listed person's case at the IND is in the status the profile says for this stage. */
  const settled = (people: readonly Person[], statusOf: (p: Person) => ApplicationStatus, what: string) =>
    until(
      what,
      async () => {
        const cases = await indCases();
        const behind = people.filter((p) => cases.get(p.reference)?.status !== statusOf(p));
        return behind.length === 0 ? cases : undefined;
      },
      240_000,
    );

  beforeAll(async () => {
    chain = await phase('boot hub, IND and university (3 processes)', () => startChain({ label: 'cohort' }));
    office = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'university-leiden');
    indAsInd = () => chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, 'ind');

    // 1. Before the academic year the office uploads what it knows, in batches.
    await phase(`push ${LEIDEN.flatMap(itemsBeforeTheYear).length} proofs in batches`, () => push(LEIDEN.flatMap(itemsBeforeTheYear)));

    // 2. The first half of the applications; the late-proof people first, so their requests wait in the hub.
    const order = [...LEIDEN].sort((a, b) => Number(lateItems(b).length > 0) - Number(lateItems(a).length > 0));
    const firstHalf = order.slice(0, Math.floor(order.length / 2));
    const secondHalf = order.slice(firstHalf.length);
    await phase(`file ${firstHalf.length} applications (16 in flight)`, () =>
      inLanes(firstHalf, 16, async (p) => {
        const started = performance.now();
        const { application } = await call(office.fileApplication(filing(p)));
        filingLatencies.push(performance.now() - started);
        expect(application?.deliveryState).toBe(DeliveryState.DELIVERY_STATE_DELIVERED);
      }),
    );

    // 3. The IND crashes while the second half is being filed and the late proofs come in.
    await phase(`file ${secondHalf.length} more, push late proofs, SIGKILL and restart the IND meanwhile`, async () => {
      let filed = 0;
      const filings = inLanes(secondHalf, 16, async (p) => {
        const { application } = await call(office.fileApplication(filing(p)));
        filed += 1;
        if (application?.deliveryState === DeliveryState.DELIVERY_STATE_QUEUED) restart.queuedWhileDown += 1;
        return application;
      });
      await until('a quarter of the second half filed', async () => (filed >= secondHalf.length / 4 ? true : undefined));
      const crash = chain.restartInd('kill');
      await push(LEIDEN.flatMap(lateItems));
      Object.assign(restart, await crash);
      await filings;
    });

    // 4. Everything filed reaches the IND and every case its first outcome, after the restart.
    await phase('all filings delivered and every case at its first outcome', async () => {
      await until(
        'every filing delivered',
        async () => {
          const views = await universityViews();
          return LEIDEN.every((p) => views.get(p.reference)?.deliveryState === DeliveryState.DELIVERY_STATE_DELIVERED) ? true : undefined;
        },
        240_000,
      );
      await settled(
        LEIDEN,
        (p) =>
          ['TUITION_UNPAID_THEN_PAID', 'DEREGISTERED_AFTER_GRANT'].includes(p.profile)
            ? S.APPLICATION_STATUS_GRANTED
            : EXPECTED[p.profile].status,
        'first outcomes',
      );
    });

    // 5. A sponsor that is not recognised files too (straight at the IND: it has no recognised-sponsor connector).
    await phase(`${OUTSIDERS.length} filings by a sponsor that is not recognised`, async () => {
      const sponsor = chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, NON_RECOGNISED_SPONSOR.key);
      const hub = chain.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, chain.hub, NON_RECOGNISED_SPONSOR.key);
      for (const p of OUTSIDERS) {
        // Its enrolment proofs are no evidence: only a recognised sponsor may issue them.
        const item = enrolmentItem(p);
        const refused = await callError(
          hub.issueEvidence({
            evidence: {
              subject: p.subject,
              evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
              payload: { enrolmentProof: item.enrolmentProof },
              issuedAt: undefined,
              validUntil: undefined,
              sourceReference: item.itemReference,
              subUnit: '',
            },
          }),
        );
        expect(refused.reason).toBe('NOT_RECOGNISED_SPONSOR');
        await call(
          sponsor.fileApplication({
            ...filing(p),
            sponsorReference: p.reference,
            applicant: p.subject,
            knowledgeMigrant: undefined,
            collectionPoint: '',
            arrival: undefined,
            familyMember: undefined,
          }),
        );
      }
    });

    // 6. After the grants: tuition paid late, and the duty to notify.
    await phase('late tuition payments and deregistrations (duty to notify)', async () => {
      await push(
        STUDENTS.filter((p) => p.profile === 'TUITION_UNPAID_THEN_PAID').map((p) =>
          tuitionItem(p, TuitionPayment.TUITION_PAYMENT_PAID_IN_FULL, '-paid'),
        ),
      );
      for (const p of STUDENTS.filter((candidate) => candidate.profile.startsWith('DEREGISTERED'))) {
        const report = await call(
          office.reportChange({
            applicationReference: p.reference,
            change: SponsorChange.SPONSOR_CHANGE_DEREGISTERED,
            factDate: '2026-10-15',
          }),
        );
        expect(report.revokedEvidence.map((evidence) => evidence.evidenceId)).toEqual([
          pushed.get(`enrolment-${p.reference}`)?.evidence?.evidenceId,
        ]);
      }
    });

    await phase('every case at its final outcome, at the IND and in the university', async () => {
      await settled([...LEIDEN, ...OUTSIDERS], (p) => EXPECTED[p.profile].status, 'final outcomes');
      // A deregistration after the permit changes no status; it is done when the IND has recorded it.
      finalCases = await until('every deregistration recorded', async () => {
        const cases = await indCases();
        const deregistered = STUDENTS.filter((p) => p.profile.startsWith('DEREGISTERED'));
        return deregistered.every((p) => (cases.get(p.reference)?.notifications.length ?? 0) > 0) ? cases : undefined;
      });
      finalViews = await until(
        'the university sees every final status',
        async () => {
          const views = await universityViews();
          return LEIDEN.every((p) => views.get(p.reference)?.status === EXPECTED[p.profile].status) ? views : undefined;
        },
        120_000,
      );
    });
  });

  afterAll(async () => {
    const total = Math.round(performance.now() - cohortStarted);
    const lines = [
      ...timings.map(([name, ms]) => `  ${String(ms).padStart(7)} ms  ${name}`),
      `  ${String(total).padStart(7)} ms  total, end to end`,
      `  IND restart: SIGKILL ${restart.downMs} ms, boot ${restart.bootMs} ms; ${restart.queuedWhileDown} filings queued by the university meanwhile`,
      `  boot: hub ${chain?.bootMs.hub} ms, IND ${chain?.bootMs.ind} ms, university ${chain?.bootMs.university} ms`,
      `  FileApplication round trip (office → university → IND → hub), 16 in flight: p50 ${percentile(filingLatencies, 50)} ms, p95 ${percentile(filingLatencies, 95)} ms`,
    ];
    console.log(
      `Cohort of ${STUDENTS.length} students, ${RESEARCHERS.length} researchers and ${OUTSIDERS.length} applications of a non-recognised sponsor:\n${lines.join('\n')}`,
    );
    await chain?.stop();
  });

  it('ends every application in the outcome its story calls for, with the reason code', () => {
    const outcomes = [...LEIDEN, ...OUTSIDERS].map((p) => [
      p.reference,
      finalCases.get(p.reference)?.status,
      finalCases.get(p.reference)?.reasonCode,
    ]);
    expect(outcomes).toEqual(
      [...LEIDEN, ...OUTSIDERS].map((p) => [p.reference, EXPECTED[p.profile].status, EXPECTED[p.profile].reasonCode]),
    );
    const sponsors = new Set(OUTSIDERS.map((p) => finalCases.get(p.reference)?.sponsor?.oin));
    expect([...sponsors]).toEqual([OIN.hogeschool]);
  });

  it('registers each filing exactly once, the ones queued during the IND crash included', async () => {
    expect(restart.queuedWhileDown).toBeGreaterThan(0);
    const all = await allPages(async (pageToken) => {
      const { applications, nextPageToken } = await call(indAsInd().listApplications({ pageSize: 500, pageToken }));
      return { items: applications, next: nextPageToken };
    });
    const ours = all.filter((application) => [...LEIDEN, ...OUTSIDERS].some((p) => p.reference === application.sponsorReference));
    expect(ours).toHaveLength(LEIDEN.length + OUTSIDERS.length);
    expect(new Set(ours.map((application) => application.applicationRef)).size).toBe(ours.length);
  });

  it('publishes every status transition once, in order, with nothing lost across the crash', async () => {
    const kafka = createKafkaClient({ clientId: 'cohort-status-reader', ...testKafka() });
    const records = await readTopicToEnd(kafka, [TOPICS.applicationStatusChanged.name], 60_000);
    const refs = new Map([...finalCases.entries()].map(([reference, application]) => [application.applicationRef, reference]));
    const byApplication = new Map<string, Map<string, ApplicationStatus>>();
    for (const record of records) {
      const event = ApplicationStatusChanged.decode(record.value ?? Buffer.alloc(0));
      if (!refs.has(event.applicationRef)) continue;
      const eventId = String(record.headers[ENVELOPE_HEADERS.eventId] ?? '');
      // The outbox may publish a record twice after a crash (same event id); consumers drop the copy.
      const events = byApplication.get(event.applicationRef) ?? new Map<string, ApplicationStatus>();
      events.set(eventId, event.status);
      byApplication.set(event.applicationRef, events);
    }
    const sequences = [...LEIDEN, ...OUTSIDERS].map((p) => {
      const ref = finalCases.get(p.reference)?.applicationRef ?? '';
      return [p.reference, [...(byApplication.get(ref)?.values() ?? [])]];
    });
    expect(sequences).toEqual([...LEIDEN, ...OUTSIDERS].map((p) => [p.reference, EXPECTED[p.profile].history]));
  });

  it('shows the university the status of each of its applications from the events, without asking the IND', () => {
    const seen = LEIDEN.map((p) => [
      p.reference,
      finalViews.get(p.reference)?.status,
      finalViews.get(p.reference)?.history.map((entry) => entry.status),
    ]);
    expect(seen).toEqual(LEIDEN.map((p) => [p.reference, EXPECTED[p.profile].status, EXPECTED[p.profile].history]));
  });

  it('gives every application its three deadlines: 60 days statutory, the sponsor target and the EU 30 days', () => {
    const reference = bundledDeadlineReference();
    for (const p of [...LEIDEN, ...OUTSIDERS]) {
      const application = finalCases.get(p.reference) as Application;
      const recognised = p.profile !== 'NOT_RECOGNISED_SPONSOR';
      const expected = decisionDeadlines(
        {
          category: p.category,
          receivedOn: application.submittedOn,
          sponsorRecognised: recognised,
          complete: EXPECTED[p.profile].complete,
        },
        reference,
      );
      expect([p.reference, application.completeOnReceipt]).toEqual([p.reference, recognised && EXPECTED[p.profile].complete]);
      expect([p.reference, application.deadlines.map((line) => [line.kind, line.periodDays, line.dueOn])]).toEqual([
        p.reference,
        [
          [DeadlineKind.DEADLINE_KIND_STATUTORY_DECISION, 60, expected.lines[0].dueOn],
          ...(recognised
            ? [[DeadlineKind.DEADLINE_KIND_RECOGNISED_SPONSOR_TARGET, EXPECTED[p.profile].complete ? 14 : 49, expected.lines[1].dueOn]]
            : []),
          [DeadlineKind.DEADLINE_KIND_EU_30_DAY_AMBITION, 30, expected.lines[expected.lines.length - 1].dueOn],
        ],
      ]);
      // A statutory period never ends on a weekend (it runs on to the next working day).
      const statutory = application.deadlines[0].dueOn;
      expect([SATURDAY, SUNDAY]).not.toContain(isoWeekdayOf(parseIsoDate(statutory) as number));
    }
  });

  it('decides on exactly the evidence the university pushed, by reference and content hash, under a versioned rule', () => {
    for (const p of LEIDEN) {
      const application = finalCases.get(p.reference) as Application;
      for (const decision of application.decisions) {
        expect(decision.ruleVersion).toBe('decision-rules.v1');
        for (const used of decision.evidenceUsed) {
          const source = [...pushed.values()].find((result) => result.evidence?.evidenceId === used.evidenceId);
          // The IND names what it relied on by the hub's salted commitment, never the unsalted hash (issue 11, leak 3).
          expect([p.reference, used.contentCommitment, used.contentSha256]).toEqual([p.reference, source?.evidence?.contentCommitment, '']);
          expect(source?.subject?.pseudonym).toBe(application.subject?.pseudonym);
        }
      }
    }
    const refusedForMeans = RESEARCHERS.filter((p) => p.profile === 'RESEARCHER_MEANS_NOT_MET').map(
      (p) => finalCases.get(p.reference)?.decisions[0],
    );
    expect(refusedForMeans.map((decision) => decision?.evidenceUsed.length)).toEqual(refusedForMeans.map(() => 1));
  });

  it('never asks the applicant: what the hub holds is used, what it lacks is waited for from the source', async () => {
    const hub = chain.client<EvidenceServiceClient>(EVIDENCE_EXCHANGE_CONTRACT, chain.hub, 'ind');
    for (const p of STUDENTS.filter((candidate) => candidate.profile === 'TUITION_MISSING')) {
      const waits = finalCases.get(p.reference)?.evidenceWaits ?? [];
      expect(waits.filter((wait) => wait.state === EvidenceWaitState.EVIDENCE_WAIT_STATE_PENDING).map((wait) => wait.evidenceType)).toEqual(
        [EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS],
      );
    }
    // Every decision that used a type rests on the hub's copy: for each, the hub holds the evidence the IND used.
    for (const p of LEIDEN) {
      const application = finalCases.get(p.reference) as Application;
      const openWaits = application.evidenceWaits.filter((wait) => wait.state === EvidenceWaitState.EVIDENCE_WAIT_STATE_PENDING);
      for (const wait of openWaits) {
        // A wait is only open for evidence the hub does not have: the hub must still have the request pending.
        const { request } = await call(hub.getEvidenceRequest({ requestId: wait.hubRequestId }));
        expect([p.reference, request?.status]).toEqual([p.reference, 'EVIDENCE_REQUEST_STATUS_PENDING']);
      }
    }
    const metrics = await (await fetch(`${chain.hub.httpAddress}/metrics`)).text();
    const notAskedAgain = [...metrics.matchAll(/^welkom_hub_documents_not_asked_again_total\{[^}]*\} (\d+)/gm)].reduce(
      (sum, match) => sum + Number(match[1]),
      0,
    );
    const decisionsOnEvidence = LEIDEN.flatMap((p) => finalCases.get(p.reference)?.decisions ?? []).filter(
      (decision) => decision.evidenceUsed.length > 0,
    ).length;
    expect(notAskedAgain).toBeGreaterThanOrEqual(decisionsOnEvidence);
  });

  it('leaves every evidence access in the audit trail with purpose and legal basis, and an intact chain', async () => {
    const audit = chain.client<AuditServiceClient>(AUDIT_CONTRACT, chain.hub, 'operator.anna.devries');
    const accessOf = async (p: Person): Promise<SubjectAccessEntry[]> =>
      allPages(async (pageToken) => {
        const { entries, nextPageToken } = await call(
          audit.listSubjectAccess({ subject: p.subject, pageSize: 500, pageToken, purpose: '' }),
        );
        return { items: entries, next: nextPageToken };
      });
    for (const p of LEIDEN) {
      const access = await accessOf(p);
      // The IND's signed status events told the hub, each once and audited, that the IND holds a case about this
      // person and that Leiden sponsors them (issue 11).
      expect(access.filter((entry) => entry.action === 'RELATION_ESTABLISHED').map((entry) => [p.reference, entry.party?.oin])).toEqual([
        [p.reference, OIN.ind],
        [p.reference, OIN.ind],
      ]);
      const application = finalCases.get(p.reference) as Application;
      // The sponsorship ends once, audited: by the IND's event ending the case, or by Leiden's own deregistration
      // report (whichever the hub takes first); a sponsorship that runs on is not ended.
      const sponsorshipEnds =
        p.profile.startsWith('DEREGISTERED') ||
        [S.APPLICATION_STATUS_REFUSED, S.APPLICATION_STATUS_WITHDRAWN, S.APPLICATION_STATUS_EXPIRED].includes(application.status);
      expect([p.reference, access.filter((entry) => entry.action === 'RELATION_ENDED').length]).toEqual([
        p.reference,
        sponsorshipEnds ? 1 : 0,
      ]);
      const byInd = access.filter((entry) => entry.party?.oin === OIN.ind && !entry.action.startsWith('RELATION_'));
      expect(byInd.length).toBeGreaterThan(0);
      for (const entry of byInd) {
        expect([p.reference, entry.action, entry.purpose, entry.legalBasis]).toEqual([
          p.reference,
          entry.action,
          PURPOSE_OF[entry.evidenceType]?.purpose,
          PURPOSE_OF[entry.evidenceType]?.legalBasis,
        ]);
      }
      const usedTypes = new Set(application.decisions.flatMap((decision) => decision.evidenceUsed.map((used) => used.evidenceType)));
      const disclosedTypes = new Set(byInd.filter((entry) => entry.action === 'EVIDENCE_DISCLOSED').map((entry) => entry.evidenceType));
      for (const type of usedTypes) expect([p.reference, type, disclosedTypes.has(type)]).toEqual([p.reference, type, true]);
    }
    // The IND never looked up the people a non-recognised sponsor filed for.
    for (const p of OUTSIDERS) expect((await accessOf(p)).filter((entry) => entry.party?.oin === OIN.ind)).toEqual([]);
    const verdict = await call(audit.verifyAuditChain({ fromSequence: '0', limit: '0', incremental: false }));
    expect(verdict.intact).toBe(true);
  });

  it('records the deregistrations: the grant withdrawn before the permit, the permit marked for review after it', () => {
    for (const p of STUDENTS.filter((candidate) => candidate.profile.startsWith('DEREGISTERED'))) {
      const notifications = finalCases.get(p.reference)?.notifications ?? [];
      expect([p.reference, notifications.map((notification) => notification.effect)]).toEqual([
        p.reference,
        [
          p.profile === 'DEREGISTERED_AFTER_GRANT'
            ? NotificationEffect.NOTIFICATION_EFFECT_GRANT_WITHDRAWN
            : NotificationEffect.NOTIFICATION_EFFECT_PERMIT_REVIEW_REQUIRED,
        ],
      ]);
    }
  });
});
