import { Inject, Injectable } from '@nestjs/common';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { EVENT_INBOX, EVENT_OUTBOX, type EventInbox, type EventOutbox, PartyDirectory, type ReceivedEvent } from '@welkom/messaging';
import { ClockRepository, IdRepository, toTimestamp, TransactionRepository } from '@welkom/platform';
import { evidenceNeeded, isOpen } from '../assessment/case-assessment';
import { transition } from '../decisions/application-lifecycle';
import { CaseAssessmentService, type Lookups } from '../assessment/case-assessment.service';
import { AssessmentWorker } from '../assessment/assessment.worker';
import type { DeadlineLine } from '../deadlines/decision-deadline.calculator';
import { IND_PARTY_OIN } from '../ind.config';
import { IndReference } from '../reference-data/ind-reference';
import { toSubjectIdentifier } from './applicant-identifier';
import type { ApplicationRecord, ApplicationView } from './application';
import { IndError } from '../ind.errors';
import { ApplicationRepository } from './application.repository';
import { encodePageToken, type ExtensionCommand, type FileApplicationCommand, type PageCommand } from './application-intake.command';
import { CaseJournal } from './case-journal';
import { wageQuestionFor } from '../knowledge-migrants/wage-question';
import { assertCollectionPoint } from './collection-point.policy';
import { filingRouteFor } from '../self-applicants/filing-authority.policy';
import type { EvidenceLookup } from '../assessment/case-assessment';

/** The pseudonym the hub named in its first answer that names one; null when none did. */
function pseudonymOf(lookups: ReadonlyMap<unknown, EvidenceLookup>): string | null {
  for (const lookup of lookups.values()) if (lookup.kind !== 'refused' && lookup.subjectPseudonym) return lookup.subjectPseudonym;
  return null;
}

export interface FilingOutcome {
  view: ApplicationView;
  alreadyFiled: boolean;
}

/**
 * Intake (one use case for the gRPC adapter and the Kafka consumer): the register is consulted on filing, the
 * hub is asked for the evidence before the case is committed (so the first status events already carry the
 * applicant's pseudonym and the file is decided at once when the hub holds everything), and the case, its
 * deadlines, its first decision and every status event commit together.
 */
@Injectable()
export class ApplicationIntakeService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly assessment: CaseAssessmentService,
    private readonly worker: AssessmentWorker,
    private readonly journal: CaseJournal,
    private readonly reference: IndReference,
    private readonly transactions: TransactionRepository,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
    @Inject(IND_PARTY_OIN) private readonly indOin: string,
    private readonly parties: PartyDirectory,
  ) {}

  async file(sponsorOin: string, command: FileApplicationCommand, event?: ReceivedEvent<unknown>): Promise<FilingOutcome> {
    // Only a sponsor files a sponsored category (issue 11, leak 2), only a filing channel an applicant's own (issue
    // 15): anyone else would make the IND look a person up for them. Checked before anything is read.
    const receivedOn = this.clock.today();
    const filingRoute = filingRouteFor(
      command.category,
      this.parties.rolesOf(sponsorOin),
      receivedOn,
      this.reference.filingChannels,
      this.reference.sponsors,
      sponsorOin,
    );
    const existing = await this.applications.findBySponsorReference(sponsorOin, command.sponsorReference);
    if (existing) return this.alreadyFiled(existing, command);

    assertCollectionPoint(command.collectionPoint, receivedOn, this.reference.collectionPoints);
    if (command.familyMember) await this.assertMainApplication(sponsorOin, command.familyMember.mainApplicationRef);
    const purpose = this.reference.sponsors.purposeForCategory(command.category);
    // Recognition is required on the day of receipt (and again on the day of decision, in `decide`).
    const recognised =
      filingRoute === 'SPONSOR' && purpose !== undefined && this.reference.sponsors.isRecognisedFor(sponsorOin, purpose, receivedOn);
    const types = evidenceNeeded(command.category, ApplicationStatus.APPLICATION_STATUS_SUBMITTED, recognised);
    const wageQuestion = wageQuestionFor(this.reference.salaryThresholds, { ...command, receivedOn, sponsorOin });
    const lookups: Lookups = await this.assessment.lookUp(toSubjectIdentifier(command.applicant), types, sponsorOin, [], wageQuestion);

    const now = this.clock.now();
    const filed: ApplicationRecord = {
      id: this.ids.newId(),
      sponsorOin,
      sponsorReference: command.sponsorReference,
      requestFingerprint: command.fingerprint,
      category: command.category,
      status: ApplicationStatus.APPLICATION_STATUS_SUBMITTED,
      applicant: command.applicant,
      subjectPseudonym: command.applicant.kind === 'pseudonym' ? command.applicant.value : null,
      citizenship: command.citizenship,
      intendedStayFrom: command.intendedStay.from,
      intendedStayUntil: command.intendedStay.until,
      submittedOn: receivedOn,
      sponsorRecognised: recognised,
      completeOnReceipt: false,
      decidedOn: null,
      reasonCode: null,
      // The statutory period does not depend on completeness; the plan reads it for a family's group deadline.
      deadlines: this.assessment.deadlines(command.category, receivedOn, recognised, false).lines,
      deadlineReferenceVersion: '',
      extensionDays: null,
      extensionAnnouncedOn: null,
      deadlineAlerts: [],
      knowledgeMigrant: command.knowledgeMigrant,
      arrival: command.arrival,
      mvvEnteredOn: null,
      collectionPoint: command.collectionPoint,
      filingRoute,
      familyMember: command.familyMember,
      createdAt: now,
      updatedAt: now,
    };

    const committed = await this.transactions.run(async (tx): Promise<{ recorded: ApplicationRecord; overtaken: boolean } | null> => {
      if (event && !(await this.inbox.claim(tx, event))) return null;
      const facts = await this.assessment.caseFacts(tx, filed, filed.subjectPseudonym ?? pseudonymOf(lookups));
      const plan = this.assessment.plan(filed, lookups, facts);
      // Complete on receipt: the rules could be applied without waiting for any source (the 2-week target).
      const completeOnReceipt = recognised && plan.complete;
      const deadlines = this.assessment.deadlines(command.category, receivedOn, recognised, completeOnReceipt);
      // The case starts from nothing: SUBMITTED is its first recorded transition, like every later one.
      const application: ApplicationRecord = {
        ...filed,
        status: ApplicationStatus.APPLICATION_STATUS_UNSPECIFIED,
        completeOnReceipt,
        deadlines: deadlines.lines,
        deadlineReferenceVersion: deadlines.referenceVersion,
      };
      if (!(await this.applications.insert(tx, application))) return null;
      const { application: located, overtaken } = await this.assessment.recordLookups(tx, application, lookups, now);
      const recorded = await this.journal.record(
        tx,
        located,
        [{ event: { type: 'APPLICATION_SUBMITTED' }, to: ApplicationStatus.APPLICATION_STATUS_SUBMITTED }, ...plan.transitions],
        now,
      );
      if (overtaken) await this.applications.flagForAssessment(tx, [application.id]);
      return { recorded, overtaken };
    });
    if (!committed) {
      // The same filing arrived twice at once (or the event was applied before): answer with what exists.
      const winner = await this.applications.findBySponsorReference(sponsorOin, command.sponsorReference);
      if (!winner) throw new IndError('APPLICATION_NOT_FOUND', 'The application was filed concurrently but cannot be found');
      return this.alreadyFiled(winner, command);
    }
    // A source answered while the case was being committed: assess again now, with that answer.
    if (committed.overtaken) this.worker.trigger(filed.id);
    return { view: await this.applications.view(committed.recorded), alreadyFiled: false };
  }

  /**
   * A family member is filed by the party that filed the main application, with it (DOMAIN.md §1.9); someone
   * else's application does not exist for the caller, as in `get`.
   */
  private async assertMainApplication(callerOin: string, mainApplicationRef: string): Promise<void> {
    const main = await this.applications.findById(mainApplicationRef);
    const problem =
      !main || main.sponsorOin !== callerOin
        ? 'is not an application you filed'
        : main.category === PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER
          ? "is a family member's application, not a main application"
          : undefined;
    if (problem !== undefined) throw IndError.invalid([{ field: 'family_member.main_application_ref', description: problem }]);
  }

  async get(callerOin: string, applicationRef: string): Promise<ApplicationView> {
    return this.applications.view(await this.visibleCase(callerOin, applicationRef));
  }

  async list(callerOin: string, page: PageCommand): Promise<{ views: ApplicationView[]; nextPageToken: string }> {
    const cases = await this.applications.page(callerOin === this.indOin ? null : callerOin, page.pageSize, page.after);
    const views = await this.applications.views(cases);
    const last = cases[cases.length - 1];
    return { views, nextPageToken: cases.length === page.pageSize && last ? encodePageToken(last) : '' };
  }

  /**
   * The IND's one extension of the statutory period (DOMAIN.md §2.1): only the IND, only while the case is
   * open, announced before the period ends; the calculator refuses anything else. Its own event.
   */
  async extend(callerOin: string, { applicationRef, days }: ExtensionCommand): Promise<ApplicationView> {
    if (callerOin !== this.indOin) throw new IndError('IND_ONLY', 'Only the IND extends a decision period');
    const now = this.clock.now();
    const announcedOn = this.clock.today();
    const application = await this.transactions.run(async (tx) => {
      const locked = await this.applications.lock(tx, applicationRef);
      if (!locked) throw new IndError('APPLICATION_NOT_FOUND', `No application ${applicationRef}`);
      if (!isOpen(locked.status)) {
        throw new IndError(
          'APPLICATION_ALREADY_DECIDED',
          `Application ${applicationRef} is ${locked.status}; its period can no longer be extended`,
        );
      }
      const before = statutoryLine(locked.deadlines);
      const earlier =
        locked.extensionDays !== null && locked.extensionAnnouncedOn !== null
          ? [{ days: locked.extensionDays, announcedOn: locked.extensionAnnouncedOn }]
          : [];
      // The earlier extension is passed along, so the calculator refuses a second one (reference data: one).
      const deadlines = this.assessment.deadlines(locked.category, locked.submittedOn, locked.sponsorRecognised, locked.completeOnReceipt, [
        ...earlier,
        { days, announcedOn },
      ]);
      const after = statutoryLine(deadlines.lines);
      await this.applications.update(tx, locked.id, {
        deadlines: deadlines.lines,
        extensionDays: days,
        extensionAnnouncedOn: announcedOn,
        updatedAt: now,
      });
      await this.outbox.enqueue(tx, TOPICS.decisionPeriodExtended, {
        applicationRef: locked.id,
        subject: locked.subjectPseudonym ? { pseudonym: locked.subjectPseudonym } : undefined,
        category: locked.category,
        extendedByDays: days,
        announcedOn,
        dueBeforeExtensionOn: before?.dueOn ?? '',
        dueOn: after?.dueOn ?? '',
        occurredAt: toTimestamp(now),
      });
      return locked;
    });
    return this.applications.view((await this.applications.findById(application.id)) ?? application);
  }

  /**
   * The applicant withdraws (through the sponsor that filed, or at the IND's own desk) while there is still
   * something to decide; the lifecycle refuses it afterwards. A withdrawal ends the case like a decision.
   */
  async withdraw(callerOin: string, applicationRef: string): Promise<ApplicationView> {
    const now = this.clock.now();
    const today = this.clock.today();
    const application = await this.transactions.run(async (tx) => {
      const locked = await this.applications.lock(tx, applicationRef);
      if (!locked || (callerOin !== this.indOin && locked.sponsorOin !== callerOin)) {
        throw new IndError('APPLICATION_NOT_FOUND', `No application ${applicationRef} of yours`);
      }
      const to = transition(locked.status, { type: 'APPLICATION_WITHDRAWN' });
      return this.journal.record(
        tx,
        locked,
        [
          {
            event: { type: 'APPLICATION_WITHDRAWN' },
            to,
            decision: {
              kind: 'WITHDRAWAL',
              resultingStatus: to,
              findings: [],
              ruleVersion: this.reference.rules.version,
              sponsorRegisterVersion: this.reference.sponsors.version,
              evidenceUsed: [],
              evidenceSetAside: [],
              decidedOn: today,
            },
          },
        ],
        now,
      );
    });
    return this.applications.view(application);
  }

  private async visibleCase(callerOin: string, applicationRef: string): Promise<ApplicationRecord> {
    const application = await this.applications.findById(applicationRef);
    // Someone else's application does not exist for this caller.
    if (!application || (callerOin !== this.indOin && application.sponsorOin !== callerOin)) {
      throw new IndError('APPLICATION_NOT_FOUND', `No application ${applicationRef} of yours`);
    }
    return application;
  }

  private async alreadyFiled(existing: ApplicationRecord, command: FileApplicationCommand): Promise<FilingOutcome> {
    if (existing.requestFingerprint !== command.fingerprint) {
      throw new IndError(
        'SPONSOR_REFERENCE_CONFLICT',
        `Sponsor reference ${command.sponsorReference} was filed before with other content`,
        {
          fieldViolations: [{ field: 'sponsor_reference', description: 'was filed before with other content; use a new reference' }],
        },
      );
    }
    return { view: await this.applications.view(existing), alreadyFiled: true };
  }
}

function statutoryLine(lines: readonly DeadlineLine[]): DeadlineLine | undefined {
  return lines.find((line) => line.kind === 'STATUTORY_DECISION');
}
