import { randomBytes } from 'node:crypto';
import {
  APPLICATION_INTAKE_CONTRACT,
  CONSULAR_POST_CONTRACT,
  EVIDENCE_EXCHANGE_CONTRACT,
  INTERNATIONAL_OFFICE_CONTRACT,
  START_UP_ADVICE_CONTRACT,
  WAGE_DECLARATION_CONTRACT,
} from '@welkom/contracts';
import type { ConsularPostServiceClient } from '@welkom/contracts/generated/welkom/consular/v1/consular_post';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import type { Application, ApplicationIntakeServiceClient } from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import type { StartUpAdviceServiceClient } from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import type { EvidenceItem, InternationalOfficeServiceClient } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import type { WageDeclarationServiceClient } from '@welkom/contracts/generated/welkom/uwv/v1/wage_declarations';
import { dutchDateOf } from '@welkom/platform';
import { type DemoPerson, type DemoStory, planDemo } from './demo-cohort';
import { type DeadLetterIncident, findDeadLetter, publishPoisonMessage, replayAsOperator } from './demo-dead-letter';
import { DemoFilings } from './demo-filings';
import { call, DemoParties, inLanes } from './demo-parties';
import { startConsularRehearsal } from './demo-rehearsal';
import { decisionsPerCategory, deadlineFigures, type DemoSummary, medianDaysToDecision } from './demo-summary';
import type { DemoSystem } from './demo-system';

/** A phase of the demo as the progress display shows it. */
export interface DemoPhase {
  tick(detail?: string): void;
  done(): void;
}

export interface DemoProgress {
  phase(title: string, total: number): DemoPhase;
}

export interface DemoOptions {
  readonly seed: number;
  readonly scale: number;
  readonly system: DemoSystem;
  readonly log: (line: string) => void;
  readonly progress?: DemoProgress;
  /** How long one wait for the chain may take before the demo reports what it has (default 5 minutes). */
  readonly settleTimeoutMs?: number;
}

const S = ApplicationStatus;
const C = PermitCategory;
/** The posts' rehearsal clock runs this far ahead: past the 90 days an issued MVV allows for entry. */
const REHEARSAL_DAYS = 100;
/** Statuses in which a case still waits for the chain (not for a person). */
const WAITING = new Set([S.APPLICATION_STATUS_SUBMITTED, S.APPLICATION_STATUS_EVIDENCE_PENDING, S.APPLICATION_STATUS_ADVICE_PENDING]);

const LEIDEN_STORIES: ReadonlySet<DemoStory> = new Set<DemoStory>([
  'LEIDEN_STUDENT',
  'LEIDEN_STUDENT_LATE_PROOFS',
  'LEIDEN_STUDENT_PART_TIME',
  'LEIDEN_STUDENT_DEREGISTERED',
  'LEIDEN_STUDENT_DUTY_TO_NOTIFY',
  'LEIDEN_RESEARCHER',
  'LEIDEN_RESEARCHER_LATE_PROOFS',
  'LEIDEN_RESEARCHER_AWAITING_AGREEMENT',
  'MVV_STUDENT',
  'MVV_STUDENT_NEVER_ENTERS',
]);
const LATE: ReadonlySet<DemoStory> = new Set<DemoStory>(['LEIDEN_STUDENT_LATE_PROOFS', 'LEIDEN_RESEARCHER_LATE_PROOFS', 'HSM_LATE_WAGE']);
const MVV: ReadonlySet<DemoStory> = new Set<DemoStory>(['MVV_STUDENT', 'MVV_STUDENT_NEVER_ENTERS']);

const noProgress: DemoProgress = { phase: () => ({ tick: () => undefined, done: () => undefined }) };

/**
 * `npm run demo`: a seeded cohort through the running chain, played as the parties' own back offices (Leiden's
 * international office, Delft, employers and their payrolls, RVO's Point of Entry, the consular posts) and one
 * operator, with the incidents a real season brings. Returns the closing summary as data.
 */
export async function runDemo(options: DemoOptions): Promise<DemoSummary> {
  const started = performance.now();
  const { system, log } = options;
  const progress = options.progress ?? noProgress;
  const settleTimeoutMs = options.settleTimeoutMs ?? 300_000;
  const people = planDemo({ seed: options.seed, scale: options.scale });
  // Only identifiers carry the run tag: the stories and people are the seed's, every run files them anew.
  const runTag = randomBytes(4).readUInt32BE(0).toString(36).toUpperCase().padStart(5, '0').slice(-5);
  const filings = new DemoFilings(runTag);
  const parties = new DemoParties(system);
  const office = parties.as<InternationalOfficeServiceClient>('university-leiden', 'university', INTERNATIONAL_OFFICE_CONTRACT);
  const intake = (party: string) => parties.as<ApplicationIntakeServiceClient>(party, 'ind', APPLICATION_INTAKE_CONTRACT);
  const hubAs = (party: string) => parties.as<EvidenceServiceClient>(party, 'hub', EVIDENCE_EXCHANGE_CONTRACT);
  const payroll = parties.as<WageDeclarationServiceClient>('employer-voorbeeld-tech', 'uwv', WAGE_DECLARATION_CONTRACT);
  const rvo = parties.as<StartUpAdviceServiceClient>('rvo', 'rvo', START_UP_ADVICE_CONTRACT);
  const consularAs = (party: string) => parties.as<ConsularPostServiceClient>(party, 'consular', CONSULAR_POST_CONTRACT);
  const caseRefs = new Map<string, string>();
  const cases = new Map<string, Application>();
  const of = (...stories: DemoStory[]): DemoPerson[] => people.filter((person) => stories.includes(person.story));
  log(`Demo run ${runTag}: seed ${options.seed}, scale ${options.scale}, ${people.length} applications`);

  const documentsBefore = await documentsNotAskedAgain(system);
  let evidenceRevoked = 0;
  let deadLetter: DeadLetterIncident | undefined;
  const mvvLeg = { issued: 0, entered: 0, pooled: 0 };

  const phase = async (title: string, items: number, work: (step: DemoPhase) => Promise<void>): Promise<void> => {
    const step = progress.phase(title, items);
    try {
      await work(step);
    } finally {
      step.done();
    }
  };

  /** Polls the IND's cases until `ready` holds for each (or the time is up: then the summary shows where they are). */
  const settle = async (who: readonly DemoPerson[], ready: (application: Application) => boolean, step: DemoPhase): Promise<void> => {
    const deadline = Date.now() + settleTimeoutMs;
    const open = new Set(who.filter((person) => caseRefs.has(person.key)));
    while (open.size > 0 && Date.now() < deadline) {
      for (const person of [...open]) {
        const { application } = await call(intake('ind').getApplication({ applicationRef: caseRefs.get(person.key) ?? '' }));
        if (application) cases.set(person.key, application);
        if (application && ready(application)) {
          open.delete(person);
          step.tick(`${person.key} ${S[application.status]}`);
        }
      }
      if (open.size > 0) await new Promise((resolve) => setTimeout(resolve, 1_000));
    }
    if (open.size > 0) log(`Still waiting after ${settleTimeoutMs} ms: ${[...open].map((person) => person.key).join(', ')}`);
  };

  try {
    const leidenItems = (person: DemoPerson): EvidenceItem[] => {
      switch (person.story) {
        case 'LEIDEN_STUDENT':
        case 'LEIDEN_STUDENT_DUTY_TO_NOTIFY':
        case 'MVV_STUDENT':
        case 'MVV_STUDENT_NEVER_ENTERS':
          return [filings.enrolment(person, 'Universiteit Leiden'), filings.tuitionPaid(person)];
        case 'LEIDEN_STUDENT_PART_TIME':
          return [filings.enrolment(person, 'Universiteit Leiden', false), filings.tuitionPaid(person)];
        // Enrolled, tuition not yet paid: granted, the permit waits for the payment.
        case 'LEIDEN_STUDENT_DEREGISTERED':
          return [filings.enrolment(person, 'Universiteit Leiden')];
        case 'LEIDEN_RESEARCHER':
          return [filings.hosting(person, 'Universiteit Leiden')];
        // LEIDEN_RESEARCHER_AWAITING_AGREEMENT: no agreement signed yet, so nothing to share.
        default:
          return [];
      }
    };
    const delftItems = (person: DemoPerson): EvidenceItem[] =>
      person.story === 'DELFT_STUDENT'
        ? [filings.enrolment(person, 'Technische Universiteit Delft'), filings.tuitionPaid(person)]
        : person.story === 'DELFT_RESEARCHER'
          ? [filings.hosting(person, 'Technische Universiteit Delft')]
          : [];
    const wagesFirst = of('HSM', 'HSM_BELOW_CRITERION', 'HSM_WITH_FAMILY');
    const founders = of('FOUNDER', 'FOUNDER_MAJORITY_FACILITATOR');
    const selfEmployed = of('SELF_EMPLOYED', 'SELF_EMPLOYED_BELOW_THRESHOLD');

    const sourced = people.filter(
      (person) =>
        leidenItems(person).length > 0 ||
        delftItems(person).length > 0 ||
        wagesFirst.includes(person) ||
        founders.includes(person) ||
        selfEmployed.includes(person),
    );
    await phase('Sources share what they know (Leiden, Delft, payroll → UWV, RVO)', sourced.length, async (step) => {
      const items = people.flatMap(leidenItems);
      for (let from = 0; from < items.length; from += 500) {
        const { results } = await call(office.pushEvidenceBatch({ items: items.slice(from, from + 500) }));
        const rejected = results.filter((result) => result.rejectionReason !== '');
        if (rejected.length > 0)
          log(`Leiden's push: ${rejected.length} rejected (${rejected[0].rejectionReason}: ${rejected[0].rejectionMessage})`);
      }
      for (const person of people.filter((each) => leidenItems(each).length > 0)) step.tick(person.key);
      for (const person of people.filter((each) => delftItems(each).length > 0)) {
        for (const item of delftItems(person)) await call(hubAs('university-delft').issueEvidence({ evidence: filings.issued(item) }));
        step.tick(person.key);
      }
      if (wagesFirst.length > 0)
        await call(payroll.importWageDeclarations({ declarations: wagesFirst.map((person) => filings.wage(person)) }));
      for (const person of wagesFirst) step.tick(person.key);
      for (const person of founders) {
        await call(rvo.assessStartUp(filings.startUp(person)));
        step.tick(person.key);
      }
      // RVO issues its score to the hub as it records it; the IND decides on that evidence alone.
      for (const person of selfEmployed) {
        await call(rvo.scoreSelfEmployed(filings.selfEmployedScore(person)));
        step.tick(person.key);
      }
    });

    await phase('Applications filed (university, Delft, employers, RVO Point of Entry)', people.length, async (step) => {
      const leiden = people.filter((person) => LEIDEN_STORIES.has(person.story));
      await inLanes(leiden, 4, async (person) => {
        const category = person.story.includes('RESEARCHER') ? C.PERMIT_CATEGORY_RESEARCHER : C.PERMIT_CATEGORY_STUDENT;
        await call(office.fileApplication(filings.officeFiling(person, category)));
      });
      // The connector delivers to the IND on its own; its view names the IND's case once it has.
      for (const person of leiden) {
        const deadline = Date.now() + settleTimeoutMs;
        while (!caseRefs.has(person.key) && Date.now() < deadline) {
          const { application } = await call(office.getApplication({ applicationReference: filings.reference(person) }));
          if (application?.indApplicationRef) caseRefs.set(person.key, application.indApplicationRef);
          else await new Promise((resolve) => setTimeout(resolve, 500));
        }
        step.tick(person.key);
      }
      const fileAt = async (
        person: DemoPerson,
        party: string,
        request: Parameters<ApplicationIntakeServiceClient['fileApplication']>[0],
      ) => {
        const { receipt } = await call(intake(party).fileApplication(request));
        caseRefs.set(person.key, receipt?.applicationRef ?? '');
        step.tick(person.key);
      };
      for (const person of of('DELFT_STUDENT', 'DELFT_RESEARCHER')) {
        const category = person.story === 'DELFT_RESEARCHER' ? C.PERMIT_CATEGORY_RESEARCHER : C.PERMIT_CATEGORY_STUDENT;
        await fileAt(
          person,
          'university-delft',
          filings.intakeFiling(person, category, { intendedStayFrom: '2026-09-01', intendedStayUntil: '2028-08-31' }),
        );
      }
      for (const person of of('HSM', 'HSM_LATE_WAGE', 'HSM_BELOW_CRITERION', 'HSM_WITH_FAMILY'))
        await fileAt(person, 'employer-voorbeeld-tech', filings.knowledgeMigrantFiling(person));
      for (const person of of('HSM_UNRECOGNISED_SPONSOR'))
        await fileAt(person, 'employer-voorbeeld-logistiek', filings.knowledgeMigrantFiling(person));
      // Partner and child are filed by the main applicant's employer, naming the main application.
      for (const person of of('FAMILY_PARTNER', 'FAMILY_CHILD'))
        await fileAt(person, 'employer-voorbeeld-tech', filings.familyFiling(person, caseRefs.get(person.mainKey) ?? ''));
      for (const person of founders) await fileAt(person, 'rvo', filings.founderFiling(person));
      // Both filing channels of the self-employed (apps/ind/reference/filing-channels.v1.json): RVO's Point of Entry
      // and the IND's own desk.
      for (const person of selfEmployed)
        await fileAt(person, person.story === 'SELF_EMPLOYED' ? 'rvo' : 'ind', filings.selfEmployedFiling(person));
    });

    await phase(
      'Late proofs: the IND waits, the sources deliver, nobody asks the applicant',
      people.filter((person) => LATE.has(person.story)).length * 2,
      async (step) => {
        const late = people.filter((person) => LATE.has(person.story));
        await settle(late, (application) => application.status === S.APPLICATION_STATUS_EVIDENCE_PENDING, step);
        const items = late.flatMap((person) =>
          person.story === 'LEIDEN_STUDENT_LATE_PROOFS'
            ? [filings.enrolment(person, 'Universiteit Leiden'), filings.tuitionPaid(person)]
            : person.story === 'LEIDEN_RESEARCHER_LATE_PROOFS'
              ? [filings.hosting(person, 'Universiteit Leiden')]
              : [],
        );
        if (items.length > 0) await call(office.pushEvidenceBatch({ items }));
        const lateWages = of('HSM_LATE_WAGE');
        if (lateWages.length > 0)
          await call(payroll.importWageDeclarations({ declarations: lateWages.map((person) => filings.wage(person)) }));
        await settle(late, (application) => !WAITING.has(application.status), step);
      },
    );

    await phase('The IND decides', people.length, async (step) => {
      // A case whose source has nothing to give yet waits for it, as the chain should: the demo ends with it open.
      const awaiting = of('LEIDEN_RESEARCHER_AWAITING_AGREEMENT');
      await settle(awaiting, (application) => application.status === S.APPLICATION_STATUS_EVIDENCE_PENDING, step);
      await settle(
        people.filter((person) => !awaiting.includes(person)),
        (application) => !WAITING.has(application.status),
        step,
      );
    });

    const deregistered = of('LEIDEN_STUDENT_DEREGISTERED', 'LEIDEN_STUDENT_DUTY_TO_NOTIFY');
    await phase('Duty to notify: Leiden reports deregistrations (evidence revoked in the hub)', deregistered.length * 2, async (step) => {
      const factDate = dutchDateOf(new Date(Date.now() - 3 * 86_400_000));
      for (const person of deregistered) {
        const report = await call(
          office.reportChange({
            applicationReference: filings.reference(person),
            change: SponsorChange.SPONSOR_CHANGE_DEREGISTERED,
            factDate,
          }),
        );
        evidenceRevoked += report.revokedEvidence.length;
        step.tick(person.key);
      }
      await settle(deregistered, (application) => application.notifications.length > 0, step);
    });

    const mvv = people.filter((person) => MVV.has(person.story));
    await phase('Consular leg: slot, booking, biometrics, MVV, entry', mvv.length * 2, async (step) => {
      await settle(mvv, (application) => application.status !== S.APPLICATION_STATUS_GRANTED, step);
      for (const person of mvv) {
        const applicationRef = caseRefs.get(person.key) ?? '';
        if (cases.get(person.key)?.status !== S.APPLICATION_STATUS_MVV_AUTHORISED) continue;
        const deadline = Date.now() + settleTimeoutMs;
        while (!(await call(consularAs('consular').getMvvCase({ applicationRef }))).mvvCase && Date.now() < deadline)
          await new Promise((resolve) => setTimeout(resolve, 500));
        const { mvvCase } = await call(
          consularAs('consular').offerSlot({ applicationRef, chosenPost: person.post, residenceCountry: person.citizenship }),
        );
        // Booked, captured and issued at the post holding the offer (the chosen one, or the partner it was pooled to).
        const post = consularAs(`consular.${mvvCase?.post ?? person.post}`);
        await call(post.bookAppointment({ applicationRef }));
        await call(post.recordBiometrics({ applicationRef, post: '' }));
        await call(post.issueMvv({ applicationRef, visaStickerNumber: filings.visaSticker(person), post: '' }));
        mvvLeg.issued += 1;
        if (mvvCase?.post && mvvCase.post !== person.post) mvvLeg.pooled += 1;
        if (person.story === 'MVV_STUDENT') {
          await call(consularAs('consular').recordEntry({ applicationRef }));
          mvvLeg.entered += 1;
        }
      }
      await settle(of('MVV_STUDENT'), (application) => application.status === S.APPLICATION_STATUS_PERMIT_ISSUED, step);
      await settle(of('MVV_STUDENT_NEVER_ENTERS'), (application) => application.status === S.APPLICATION_STATUS_MVV_ISSUED, step);
    });

    await phase('Poison message: dead-lettered with its reason, replayed by an operator', 3, async (step) => {
      const written = await publishPoisonMessage(system, runTag);
      step.tick('published');
      const letter = await findDeadLetter(system, written, settleTimeoutMs);
      if (!letter) {
        log('The poison message did not reach a dead-letter topic in time');
        return;
      }
      step.tick(letter.id);
      const replay = await replayAsOperator(system, letter.id);
      step.tick('replayed');
      deadLetter = {
        ...letter,
        replayed: replay.exitCode === 0 && /1 dead letter\(s\) replayed/.test(replay.output),
        replayOutput: replay.output,
      };
    });

    const neverEnter = of('MVV_STUDENT_NEVER_ENTERS');
    await phase(`Rehearsal: the posts' clock ${REHEARSAL_DAYS} days ahead, unused MVVs expire`, neverEnter.length, async (step) => {
      if (neverEnter.length === 0) return;
      const replica = await startConsularRehearsal(system, REHEARSAL_DAYS);
      try {
        await settle(neverEnter, (application) => application.status !== S.APPLICATION_STATUS_MVV_ISSUED, step);
      } finally {
        await replica.stop();
      }
    });

    const finalCases = people.flatMap((person) => {
      const application = cases.get(person.key);
      return application ? [application] : [];
    });
    return {
      seed: options.seed,
      scale: options.scale,
      runTag,
      people: people.length,
      decisions: decisionsPerCategory(finalCases),
      documentsNotAskedAgain: { before: documentsBefore, after: await documentsNotAskedAgain(system) },
      evidenceRevoked,
      notificationsRecorded: finalCases.reduce((sum, application) => sum + application.notifications.length, 0),
      deadlines: deadlineFigures(finalCases, dutchDateOf(new Date())),
      medianDaysToDecision: medianDaysToDecision(finalCases),
      deadLetter,
      mvv: { ...mvvLeg, expired: finalCases.filter((application) => application.status === S.APPLICATION_STATUS_EXPIRED).length },
      whereToLook: whereToLook(system),
      durationMs: Math.round(performance.now() - started),
    };
  } finally {
    parties.close();
  }
}

/** The hub's "documents not asked again" counter, summed over evidence types and where the answer came from. */
async function documentsNotAskedAgain(system: DemoSystem): Promise<number> {
  const text = await (await fetch(`${system.services.hub?.http ?? ''}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith('welkom_hub_documents_not_asked_again_total'))
    .reduce((sum, line) => sum + Number(line.split(' ').pop() ?? 0), 0);
}

function whereToLook(system: DemoSystem): { name: string; url: string }[] {
  const console = system.services.console;
  if (console) return [{ name: 'console', url: console.http }];
  const pages: Record<string, string> = {
    hub: '/metrics',
    'eu-reporting': '/feed/status',
    consular: '/capacity',
    rvo: '/relocation/centres',
  };
  return Object.entries(system.services).map(([name, service]) => ({ name, url: `${service.http}${pages[name] ?? '/health'}` }));
}
