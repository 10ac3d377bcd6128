import { Injectable, Logger } from '@nestjs/common';
import type { Transaction } from '@welkom/persistence';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { PartyDirectory } from '@welkom/messaging';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { toSubjectIdentifier } from '../applications/applicant-identifier';
import type { ApplicationRecord } from '../applications/application';
import { ApplicationRepository } from '../applications/application.repository';
import { CaseJournal } from '../applications/case-journal';
import type { EvidenceRequestRecord } from '../applications/evidence-request';
import { EvidenceRequestRepository } from '../applications/evidence-request.repository';
import type { DeadlineExtension, DeadlineLine, DecisionDeadlines } from '../deadlines/decision-deadline.calculator';
import { decisionDeadlines } from '../deadlines/decision-deadline.calculator';
import type { ApplicationForDecision } from '../decisions/decision-evidence';
import { HubEvidenceRepository } from '../hub-connection/hub-evidence.repository';
import { IndReference } from '../reference-data/ind-reference';
import type { RequestedEvidenceType } from '../reference-data/evidence-request.reference';
import { type AssessmentPlan, type CaseSnapshot, evidenceNeeded, type EvidenceLookup, isOpen, planAssessment } from './case-assessment';
import { wageQuestionFor } from '../knowledge-migrants/wage-question';
import type { EvidenceQuestion } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';

/** How long an assessor may hold a case before another may take over (a crashed one holds it no longer). */
const LEASE_MS = 30_000;

export type Lookups = ReadonlyMap<EvidenceType, EvidenceLookup>;

/** What a decision reads from the IND's own case file (issue 15). */
export type CaseFacts = Pick<CaseSnapshot, 'completionsUsedBefore' | 'family'>;

function statutoryDueOn(lines: readonly DeadlineLine[]): string {
  return lines.find((line) => line.kind === 'STATUTORY_DECISION')?.dueOn ?? '';
}

/** Evidence the filing sponsor issues itself; the IND names the sponsor as the source the hub routes it to. */
const SPONSOR_ISSUED_EVIDENCE: ReadonlySet<EvidenceType> = new Set([
  EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
  EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT,
]);

/**
 * Evidence with one authority as its source: the IND routes the request to that party, so only it sees whom
 * the request is about and its connector finds it among its open requests (UWV for the derived wage fact).
 */
const AUTHORITY_ISSUED_EVIDENCE: ReadonlyMap<EvidenceType, PartyRole> = new Map([
  [EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD, PartyRole.PARTY_ROLE_UWV],
  [EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT, PartyRole.PARTY_ROLE_RVO],
  [EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT, PartyRole.PARTY_ROLE_RVO],
]);

export function applicationForDecision(application: ApplicationRecord): ApplicationForDecision {
  return {
    applicationRef: application.id,
    category: application.category,
    receivedOn: application.submittedOn,
    sponsorOin: application.sponsorOin,
    intendedStay: { from: application.intendedStayFrom, until: application.intendedStayUntil },
    knowledgeMigrant: application.knowledgeMigrant,
  };
}

/**
 * Completeness and decisions for one case: ask the hub for the evidence the state needs (never the
 * applicant), then decide under the case lock and record the result with its events. Runs at intake, when a
 * hub event says something changed, and from the sweeper after a crash or an outage.
 */
@Injectable()
export class CaseAssessmentService {
  private readonly logger = new Logger(CaseAssessmentService.name);

  constructor(
    private readonly applications: ApplicationRepository,
    private readonly requests: EvidenceRequestRepository,
    private readonly hub: HubEvidenceRepository,
    private readonly journal: CaseJournal,
    private readonly reference: IndReference,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
    private readonly parties: PartyDirectory,
  ) {}

  /**
   * Asks the hub for each type. A request the IND already has open is followed up (answered, still waiting,
   * expired) instead of asked again; otherwise the hub answers with the newest valid evidence or registers a
   * pending request the source is asked to fulfil. Throws when the hub is unavailable.
   */
  async lookUp(
    subject: SubjectIdentifier,
    types: readonly RequestedEvidenceType[],
    sponsorOin: string,
    known: readonly EvidenceRequestRecord[] = [],
    wageQuestion?: EvidenceQuestion,
  ): Promise<Map<EvidenceType, EvidenceLookup>> {
    const answers = await Promise.all(
      types.map(async (type): Promise<[EvidenceType, EvidenceLookup]> => {
        const open = [...known]
          .reverse()
          .find(
            (request) =>
              request.evidenceType === type &&
              request.hubRequestId !== null &&
              (request.state === 'PENDING' || request.state === 'COMPLETED'),
          );
        if (open?.hubRequestId) {
          const followUp = await this.hub.requestState(open.hubRequestId);
          if (followUp.state === 'PENDING' || (followUp.state === 'COMPLETED' && followUp.lookup.kind === 'disclosed'))
            return [type, followUp.lookup];
        }
        // The sponsor that filed is the source of its own enrolment proof or hosting agreement: the hub routes
        // the request to it alone, so no other institution learns whom the IND asks about (issue 11, leak 1).
        const source =
          SPONSOR_ISSUED_EVIDENCE.has(type) || this.filedByItsUniversity(type, sponsorOin) ? sponsorOin : this.authorityFor(type);
        // UWV's wage fact answers a question: which criterion on which day of which table (wageQuestionFor).
        const question = type === EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD ? wageQuestion : undefined;
        return [type, await this.hub.request(subject, type, this.reference.evidenceRequests.requests[type], source, question)];
      }),
    );
    return new Map(answers);
  }

  /**
   * A graduate's orientation year filed through the university's international office (filing-channels.v1.json):
   * that university awarded the degree, so the request for it is routed there alone. Filed at the IND's desk, the
   * hub finds the degree by earlier evidence.
   */
  private filedByItsUniversity(type: EvidenceType, filerOin: string): boolean {
    return type === EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED && this.parties.rolesOf(filerOin).has(PartyRole.PARTY_ROLE_UNIVERSITY);
  }

  /** The one party with the authority's role; '' (the hub routes by earlier evidence) when there is not exactly one. */
  private authorityFor(type: EvidenceType): string {
    const role = AUTHORITY_ISSUED_EVIDENCE.get(type);
    const oins = role === undefined ? [] : this.parties.partiesWithRole(role);
    return oins.length === 1 ? oins[0] : '';
  }

  /** The plan for a case in its current state (pure), from what the hub answered and the IND's own case file. */
  plan(application: ApplicationRecord, lookups: Lookups, facts: CaseFacts = {}): AssessmentPlan {
    return planAssessment(
      {
        application: applicationForDecision(application),
        status: application.status,
        entryVisa: { citizenship: application.citizenship, enteredOn: application.mvvEnteredOn },
        ...facts,
      },
      lookups,
      {
        rules: this.reference.rules,
        sponsors: this.reference.sponsors,
        today: this.clock.today(),
        mvvExemptions: this.reference.mvvExemptions,
        salaryThresholds: this.reference.salaryThresholds,
        orientationYear: this.reference.orientationYear,
        startUp: this.reference.startUp,
        selfEmployed: this.reference.selfEmployed,
        familyMembers: this.reference.familyMembers,
      },
    );
  }

  /**
   * What a decision reads from the IND's own case file rather than the hub (issue 15): the completions this person
   * had an orientation year on before, and a family member's main application, locked in the caller's
   * transaction so the main's decision and the member's cannot pass each other.
   */
  async caseFacts(tx: Transaction, application: ApplicationRecord, subjectPseudonym: string | null): Promise<CaseFacts> {
    if (application.category === PermitCategory.PERMIT_CATEGORY_ORIENTATION_YEAR) {
      return {
        completionsUsedBefore: subjectPseudonym
          ? await this.applications.orientationYearCompletionsUsed(subjectPseudonym, application.id)
          : [],
      };
    }
    const link = application.familyMember;
    if (application.category !== PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER || link === null) return {};
    const main = await this.applications.lock(tx, link.mainApplicationRef);
    const member = {
      applicationRef: application.id,
      receivedOn: application.submittedOn,
      decisionDeadline: statutoryDueOn(application.deadlines),
      link,
    };
    if (!main) return { family: { main: null, member } };
    return {
      family: {
        member,
        main: {
          applicationRef: main.id,
          category: main.category,
          subjectPseudonym: main.subjectPseudonym ?? '',
          sponsorOin: main.sponsorOin,
          receivedOn: main.submittedOn,
          decisionDeadline: statutoryDueOn(main.deadlines),
          status: main.status,
        },
      },
    };
  }

  /**
   * Records the hub's answers in the caller's transaction. Returns the case with the pseudonym the hub named
   * (the first answer that names one, when the case had none yet), and whether a request the IND just
   * recorded as pending was already completed by an event that came first: then assess again.
   */
  async recordLookups(
    tx: Transaction,
    application: ApplicationRecord,
    lookups: Lookups,
    now: Date,
  ): Promise<{ application: ApplicationRecord; overtaken: boolean }> {
    let overtaken = false;
    let subjectPseudonym = application.subjectPseudonym;
    for (const [type, lookup] of lookups) {
      if (lookup.kind !== 'refused' && lookup.subjectPseudonym && !subjectPseudonym) subjectPseudonym = lookup.subjectPseudonym;
      if (lookup.kind === 'disclosed') {
        await this.requests.settle(tx, {
          applicationId: application.id,
          evidenceType: type,
          keepHubRequestId: null,
          state: 'COMPLETED',
          evidenceId: lookup.evidence.evidenceId,
          now,
        });
      } else if (lookup.kind === 'pending') {
        await this.requests.settle(tx, {
          applicationId: application.id,
          evidenceType: type,
          keepHubRequestId: lookup.requestId,
          state: 'EXPIRED',
          evidenceId: null,
          now,
        });
        const state = await this.requests.recordPending(tx, {
          id: this.ids.newId(),
          hubRequestId: lookup.requestId,
          applicationId: application.id,
          evidenceType: type,
          requestedAt: lookup.requestedAt,
          deadline: lookup.deadline,
          now,
        });
        if (state !== 'PENDING') overtaken = true;
      } else if (lookup.kind === 'refused') {
        // No grant, revoked evidence, a grant that hides a field: the hub's word, kept for the operator.
        this.logger.warn(`Hub refused ${type} for case ${application.id}: ${lookup.reason} ${lookup.message}`);
        await this.requests.recordRefusal(tx, {
          id: this.ids.newId(),
          applicationId: application.id,
          evidenceType: type,
          reason: lookup.reason,
          now,
        });
      }
    }
    return { application: { ...application, subjectPseudonym }, overtaken };
  }

  /** Assesses a flagged case unless another assessor holds it. Errors leave the flag up for the sweeper. */
  async assess(applicationId: string): Promise<void> {
    const seq = await this.applications.claimForAssessment(applicationId, LEASE_MS);
    if (seq === null) return;
    try {
      await this.assessClaimed(applicationId);
    } catch (error) {
      await this.applications.releaseLease(applicationId);
      throw error;
    }
    if (await this.applications.finishAssessment(applicationId, seq)) {
      // Something arrived while we were busy: go again now rather than at the next sweep.
      await this.assess(applicationId);
    }
  }

  private async assessClaimed(applicationId: string): Promise<void> {
    const current = await this.applications.findById(applicationId);
    if (!current) return;
    const types = evidenceNeeded(current.category, current.status, current.sponsorRecognised);
    // A family member asks the hub nothing: it is decided on its main application (issue 15).
    const followsMain = current.category === PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER && isOpen(current.status);
    if (types.length === 0 && !followsMain) return;
    const subject = current.subjectPseudonym ? { pseudonym: current.subjectPseudonym } : toSubjectIdentifier(current.applicant);
    const lookups: Lookups =
      types.length === 0
        ? new Map()
        : await this.lookUp(
            subject,
            types,
            current.sponsorOin,
            await this.requests.findForCase(null, applicationId),
            wageQuestionFor(this.reference.salaryThresholds, applicationForDecision(current)),
          );
    const now = this.clock.now();
    const overtaken = await this.transactions.run(async (tx) => {
      const locked = await this.applications.lock(tx, applicationId);
      // Decided in the meantime (a notification, another instance): the answers were for another state.
      if (!locked || locked.status !== current.status) return false;
      const { application, overtaken: again } = await this.recordLookups(tx, locked, lookups, now);
      const facts = await this.caseFacts(tx, application, application.subjectPseudonym);
      await this.journal.record(tx, application, this.plan(application, lookups, facts).transitions, now);
      if (again) await this.applications.flagForAssessment(tx, [applicationId]);
      return again;
    });
    if (overtaken) this.logger.debug(`Case ${applicationId} is assessed again: its state moved while the hub answered`);
  }

  /** The three deadline lines of a case (statutory, recognised-sponsor target, EU ambition). */
  deadlines(
    category: PermitCategory,
    receivedOn: string,
    sponsorRecognised: boolean,
    complete: boolean,
    extensions: readonly DeadlineExtension[] = [],
  ): DecisionDeadlines {
    return decisionDeadlines({ category, receivedOn, sponsorRecognised, complete, extensions }, this.reference.deadlines);
  }
}
