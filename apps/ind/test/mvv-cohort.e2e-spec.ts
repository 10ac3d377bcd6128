import { APPLICATION_INTAKE_CONTRACT, CONSULAR_POST_CONTRACT, INTERNATIONAL_OFFICE_CONTRACT } from '@welkom/contracts';
import type { ConsularPostServiceClient, MvvCase } from '@welkom/contracts/generated/welkom/consular/v1/consular_post';
import { MvvLegStep } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { Application, ApplicationIntakeServiceClient } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import {
  DeliveryState,
  type EvidenceItem,
  type InternationalOfficeServiceClient,
  PushOutcome,
  type SponsoredApplication,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { allTopicDefinitions, deadLetterTopicOf, TOPICS } from '@welkom/events';
import { createKafkaClient, readTopicToEnd } from '@welkom/messaging';
import { testKafka } from '@welkom/testing';
import { call, type Chain, type PartyKey, startChain, until } from './chain-harness';
import { leidenStudentProofs } from './leiden-student';

const S = ApplicationStatus;

/**
 * 150 students of Leiden from six nationalities through university, hub, IND and the consular posts (issue 14):
 * Kenyans, Indians and Nigerians need an MVV (DOMAIN.md §2.6), Americans, South Koreans and Britons do not. Each
 * MVV student chooses the post of their country; Lagos is short of capacity (apps/consular/reference), so its
 * applicants are pooled to the partner posts. A few never appear at the post, two never enter: once the posts'
 * rehearsal clock has run past the 3-month and 90-day limits, their cases end EXPIRED with the reason.
 */
type Plan = 'EXEMPT' | 'ENTERS' | 'NEVER_APPEARS' | 'NEVER_ENTERS';

interface Student {
  readonly reference: string;
  readonly citizenship: string;
  readonly post: string;
  readonly plan: Plan;
  readonly subject: SubjectIdentifier;
  readonly sticker: string;
}

const NATIONALITIES = [
  { citizenship: 'KE', post: 'nairobi', mvv: true },
  { citizenship: 'IN', post: 'new-delhi', mvv: true },
  { citizenship: 'NG', post: 'lagos', mvv: true },
  { citizenship: 'US', post: '', mvv: false },
  { citizenship: 'KR', post: '', mvv: false },
  { citizenship: 'GB', post: '', mvv: false },
] as const;

const STUDENTS: Student[] = Array.from({ length: 150 }, (_, k) => {
  const nationality = NATIONALITIES[k % NATIONALITIES.length];
  const rank = Math.floor(k / NATIONALITIES.length); // 0..24 within the nationality
  const plan: Plan = !nationality.mvv
    ? 'EXEMPT'
    : rank < 2
      ? 'NEVER_APPEARS'
      : rank === 2 && nationality.citizenship !== 'NG'
        ? 'NEVER_ENTERS'
        : 'ENTERS';
  const number = `MV${String(k + 1).padStart(7, '0')}`;
  return {
    reference: `LEI-MVV-${k + 1}`,
    citizenship: nationality.citizenship,
    post: nationality.post,
    plan,
    subject: { passport: { number, issuingCountry: nationality.citizenship } },
    sticker: `NLD${String(k + 1).padStart(7, '0')}`,
  };
});
const MVV_STUDENTS = STUDENTS.filter((s) => s.plan !== 'EXEMPT');
const APPEARING = MVV_STUDENTS.filter((s) => s.plan !== 'NEVER_APPEARS');

function items(s: Student): EvidenceItem[] {
  return leidenStudentProofs(s.reference, s.subject);
}

async function inLanes<T, R>(list: readonly T[], lanes: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results = new Array<R>(list.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: lanes }, async () => {
      while (next < list.length) {
        const index = next;
        next += 1;
        results[index] = await work(list[index]);
      }
    }),
  );
  return results;
}

/** Nearest-rank percentile, the test's own computation. */
function percentile(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((percent * sorted.length) / 100) - 1)];
}

/** The party key of a post's own certificate. */
function postParty(post: string): PartyKey {
  const key = POST_PARTIES.find((party) => party === `consular.${post}`);
  if (key === undefined) throw new Error(`no certificate for post ${post}`);
  return key;
}

const POST_PARTIES: readonly PartyKey[] = ['consular.nairobi', 'consular.new-delhi', 'consular.lagos', 'consular.be-abuja'];

describe('an MVV cohort through university, hub, IND and the consular posts (real Kafka, PostgreSQL, mTLS)', () => {
  let chain: Chain;
  let office: InternationalOfficeServiceClient;
  let ind: () => ApplicationIntakeServiceClient;
  let posts: (post?: string) => ConsularPostServiceClient;
  const offers = new Map<string, MvvCase>();
  let finalCases = new Map<string, Application>();
  let finalViews = new Map<string, SponsoredApplication>();

  const indCases = async (): Promise<Map<string, Application>> => {
    const all: Application[] = [];
    let pageToken = '';
    do {
      const page = await call(ind().listApplications({ pageSize: 500, pageToken }));
      all.push(...page.applications);
      pageToken = page.nextPageToken;
    } while (pageToken);
    return new Map(all.map((application) => [application.sponsorReference, application]));
  };
  const settled = (people: readonly Student[], status: ApplicationStatus, what: string): Promise<Map<string, Application>> =>
    until(
      what,
      async () => {
        const cases = await indCases();
        return people.every((s) => cases.get(s.reference)?.status === status) ? cases : undefined;
      },
      300_000,
    );

  beforeAll(async () => {
    chain = await startChain({ label: 'mvv-cohort', consular: {} });
    office = chain.client<InternationalOfficeServiceClient>(INTERNATIONAL_OFFICE_CONTRACT, chain.university, 'university-leiden');
    ind = () => chain.client<ApplicationIntakeServiceClient>(APPLICATION_INTAKE_CONTRACT, chain.ind, 'ind');
    const consular = chain.consular;
    if (!consular) throw new Error('the chain runs without the consular service');
    // The consular service's back office as a post calls it (the post's own certificate, its code in the OU), or as
    // the service itself (the party certificate) for the steps that are no post's act.
    posts = (post = '') => chain.client<ConsularPostServiceClient>(CONSULAR_POST_CONTRACT, consular, post ? postParty(post) : 'consular');

    // 1. The office pushes enrolment and paid tuition, then files every application.
    const proofs = STUDENTS.flatMap(items);
    for (let start = 0; start < proofs.length; start += 500) {
      const { results } = await call(office.pushEvidenceBatch({ items: proofs.slice(start, start + 500) }));
      for (const result of results)
        expect([result.itemReference, result.outcome]).toEqual([result.itemReference, PushOutcome.PUSH_OUTCOME_ACCEPTED]);
    }
    await inLanes(STUDENTS, 12, async (s) => {
      const { application } = await call(
        office.fileApplication({
          applicationReference: s.reference,
          category: PermitCategory.PERMIT_CATEGORY_STUDENT,
          applicant: s.subject,
          citizenship: s.citizenship,
          intendedStayFrom: '2026-09-01',
          intendedStayUntil: '2028-08-31',
        }),
      );
      expect(application?.deliveryState).toBe(DeliveryState.DELIVERY_STATE_DELIVERED);
    });

    // 2. Exempt students get their permit at once; the others wait for the MVV leg.
    await settled(
      STUDENTS.filter((s) => s.plan === 'EXEMPT'),
      S.APPLICATION_STATUS_PERMIT_ISSUED,
      'exempt students at PERMIT_ISSUED',
    );
    const authorised = await settled(MVV_STUDENTS, S.APPLICATION_STATUS_MVV_AUTHORISED, 'MVV students at MVV_AUTHORISED');

    // 3. Each MVV student asks the post of their country for a slot and books it (one after another, as they come).
    for (const s of MVV_STUDENTS) {
      const applicationRef = authorised.get(s.reference)?.applicationRef ?? '';
      await until(
        `${s.reference} known at the posts`,
        async () => ((await call(posts().getMvvCase({ applicationRef }))).mvvCase ? true : undefined),
        60_000,
      );
      const offered = (await call(posts().offerSlot({ applicationRef, chosenPost: s.post, residenceCountry: s.citizenship }))).mvvCase;
      if (!offered) throw new Error(`no offer for ${s.reference}`);
      offers.set(s.reference, offered);
      // Booked at the post that holds the offer: the chosen one, or the partner it was pooled to.
      await call(posts(offered.post).bookAppointment({ applicationRef }));
    }

    // 4. Those who appear give their biometrics and get the MVV; all but two then enter.
    await inLanes(APPEARING, 8, async (s) => {
      const applicationRef = authorised.get(s.reference)?.applicationRef ?? '';
      // At the post that holds the appointment, with that post's certificate.
      const post = offers.get(s.reference)?.post ?? '';
      await call(posts(post).recordBiometrics({ applicationRef, post: '' }));
      await call(posts(post).issueMvv({ applicationRef, visaStickerNumber: s.sticker, post: '' }));
      if (s.plan === 'ENTERS') await call(posts().recordEntry({ applicationRef }));
    });
    await settled(
      MVV_STUDENTS.filter((s) => s.plan === 'ENTERS'),
      S.APPLICATION_STATUS_PERMIT_ISSUED,
      'entered MVV students at PERMIT_ISSUED',
    );

    // 5. The posts' rehearsal clock runs 100 days ahead: past every appearance window and every entry window.
    await consular.restart('stop', { REHEARSAL_CLOCK_OFFSET_DAYS: '100' });
    finalCases = await settled(
      MVV_STUDENTS.filter((s) => s.plan === 'NEVER_APPEARS' || s.plan === 'NEVER_ENTERS'),
      S.APPLICATION_STATUS_EXPIRED,
      'no-shows and non-entrants at EXPIRED',
    );
    finalViews = await until(
      'the university sees every final status',
      async () => {
        const views = new Map<string, SponsoredApplication>();
        let pageToken = '';
        do {
          const page = await call(office.listApplications({ pageSize: 500, pageToken }));
          for (const view of page.applications) views.set(view.applicationReference, view);
          pageToken = page.nextPageToken;
        } while (pageToken);
        return STUDENTS.every((s) => views.get(s.reference)?.status === finalCases.get(s.reference)?.status) ? views : undefined;
      },
      120_000,
    );
  }, 900_000);

  afterAll(async () => {
    await chain?.stop();
  }, 120_000);

  it('brings every MVV student to PERMIT_ISSUED or EXPIRED with the right reason, and the exempt ones straight to the permit', () => {
    const expected = (s: Student): [ApplicationStatus, string] => {
      if (s.plan === 'NEVER_APPEARS') return [S.APPLICATION_STATUS_EXPIRED, 'MVV_NO_APPEARANCE_WITHIN_3_MONTHS'];
      if (s.plan === 'NEVER_ENTERS') return [S.APPLICATION_STATUS_EXPIRED, 'MVV_NO_ENTRY_WITHIN_90_DAYS'];
      return [S.APPLICATION_STATUS_PERMIT_ISSUED, ''];
    };
    const wrong = STUDENTS.filter((s) => {
      const found = finalCases.get(s.reference);
      const [status, reason] = expected(s);
      return found?.status !== status || found.reasonCode !== reason;
    });
    expect(wrong.map((s) => [s.reference, finalCases.get(s.reference)?.status, finalCases.get(s.reference)?.reasonCode])).toEqual([]);
    expect(STUDENTS.filter((s) => s.plan === 'NEVER_APPEARS')).toHaveLength(6);
    expect(STUDENTS.filter((s) => s.plan === 'NEVER_ENTERS')).toHaveLength(2);
  });

  it('lets the university see each of its students’ consular steps through the status it receives; the exempt skip them', () => {
    const historyOf = (s: Student): ApplicationStatus[] => finalViews.get(s.reference)?.history.map((update) => update.status) ?? [];
    const head = [S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_GRANTED];
    for (const s of STUDENTS) {
      const history = historyOf(s);
      if (s.plan === 'EXEMPT') expect([s.reference, history]).toEqual([s.reference, [...head, S.APPLICATION_STATUS_PERMIT_ISSUED]]);
      if (s.plan === 'ENTERS')
        expect([s.reference, history]).toEqual([
          s.reference,
          [
            ...head,
            S.APPLICATION_STATUS_MVV_AUTHORISED,
            S.APPLICATION_STATUS_BIOMETRICS_CAPTURED,
            S.APPLICATION_STATUS_MVV_ISSUED,
            S.APPLICATION_STATUS_PERMIT_ISSUED,
          ],
        ]);
      if (s.plan === 'NEVER_ENTERS')
        expect([s.reference, history]).toEqual([
          s.reference,
          [
            ...head,
            S.APPLICATION_STATUS_MVV_AUTHORISED,
            S.APPLICATION_STATUS_BIOMETRICS_CAPTURED,
            S.APPLICATION_STATUS_MVV_ISSUED,
            S.APPLICATION_STATUS_EXPIRED,
          ],
        ]);
      if (s.plan === 'NEVER_APPEARS')
        expect([s.reference, history]).toEqual([s.reference, [...head, S.APPLICATION_STATUS_MVV_AUTHORISED, S.APPLICATION_STATUS_EXPIRED]]);
    }
  });

  it('pools Lagos applicants to partner posts, and the capacity figures equal the test’s own computation', async () => {
    const nigerians = MVV_STUDENTS.filter((s) => s.citizenship === 'NG');
    const pooled = nigerians.filter((s) => offers.get(s.reference)?.post !== 'lagos');
    expect(pooled.length).toBeGreaterThan(0);
    for (const s of pooled)
      expect(offers.get(s.reference)?.reroutes).toEqual([
        { fromPost: 'lagos', toPost: offers.get(s.reference)?.post, reason: 'REROUTE_REASON_NO_CAPACITY' },
      ]);

    // The waiting days each applicant's first post had, from the posts' own slot-offered events.
    const kafka = createKafkaClient({ clientId: 'mvv-cohort-reader', ...testKafka() });
    const refs = new Map([...finalCases.entries()].map(([reference, application]) => [application.applicationRef, reference]));
    const waiting = new Map<string, number>();
    for (const record of await readTopicToEnd(kafka, [TOPICS.mvvLegStep.name], 60_000)) {
      const step = MvvLegStep.decode(record.value ?? Buffer.alloc(0));
      const reference = refs.get(step.applicationRef);
      if (reference && step.slotOffered) waiting.set(reference, step.slotOffered.firstPostWaitingDays);
    }
    const report = (await (await fetch(`${chain.consular?.httpAddress ?? ''}/capacity`)).json()) as {
      posts: {
        post: string;
        slotsOffered: number;
        slotsUsed: number;
        waitingDaysP50: number | null;
        waitingDaysP90: number | null;
        pooledToOtherPosts: number;
      }[];
    };
    for (const figures of report.posts) {
      const askedFirst = MVV_STUDENTS.filter((s) => s.post === figures.post);
      const offeredHere = MVV_STUDENTS.filter((s) => offers.get(s.reference)?.post === figures.post);
      const days = askedFirst.map((s) => waiting.get(s.reference) ?? -1).filter((d) => d >= 0);
      expect(figures).toEqual({
        post: figures.post,
        slotsOffered: offeredHere.length,
        slotsUsed: offeredHere.filter((s) => s.plan !== 'NEVER_APPEARS').length,
        waitingDaysP50: percentile(days, 50),
        waitingDaysP90: percentile(days, 90),
        pooledToOtherPosts: askedFirst.filter((s) => offers.get(s.reference)?.post !== figures.post).length,
      });
    }
    expect(report.posts.find((figures) => figures.post === 'lagos')?.pooledToOtherPosts).toBe(pooled.length);
    // The figures a ministry would read, printed for the run's log.
    console.log(`MVV cohort capacity per post:\n${report.posts.map((figures) => `  ${JSON.stringify(figures)}`).join('\n')}`);
  });

  it('puts no passport number, visa sticker number or biometric data on any topic', async () => {
    const kafka = createKafkaClient({ clientId: 'mvv-cohort-scan', ...testKafka() });
    const topics = allTopicDefinitions().flatMap((topic) => [topic.name, deadLetterTopicOf(topic)]);
    const records = await readTopicToEnd(kafka, topics, 120_000);
    expect(records.length).toBeGreaterThan(0);
    const secrets = STUDENTS.flatMap((s) => [s.subject.passport?.number ?? '', s.sticker]).filter((value) => value !== '');
    const leaks = records.filter((record) => {
      const text = `${record.value?.toString('latin1') ?? ''} ${JSON.stringify(record.headers)}`;
      return secrets.some((secret) => text.includes(secret)) || /fingerprint|facial|biometric_data/i.test(text);
    });
    expect(leaks.map((record) => `${record.topic}/${record.partition}@${record.offset}`)).toEqual([]);
  }, 180_000);
});
