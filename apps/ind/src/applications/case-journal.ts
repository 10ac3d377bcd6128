import { toArrivalMessage } from '../arrival/arrival-facts';
import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@welkom/persistence';
import {
  ApplicationStatus,
  type ApplicationStatusChanged,
  SponsorType,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { IdRepository, toTimestamp } from '@welkom/platform';
import { EVENT_OUTBOX, type EventOutbox } from '@welkom/messaging';
import type { PlannedTransition } from '../assessment/case-assessment';
import type { ApplicationRecord } from './application';
import { ApplicationRepository } from './application.repository';

/** Statuses that are a decision (or withdrawal) on the application: they set decided_on. */
const DECISION_STATUSES: readonly ApplicationStatus[] = [
  ApplicationStatus.APPLICATION_STATUS_GRANTED,
  ApplicationStatus.APPLICATION_STATUS_REFUSED,
  ApplicationStatus.APPLICATION_STATUS_WITHDRAWN,
];

export function sponsorTypeOf(application: ApplicationRecord): SponsorType {
  if (application.filingRoute === 'APPLICANT_CHANNEL') return SponsorType.SPONSOR_TYPE_NONE;
  return application.sponsorRecognised ? SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR : SponsorType.SPONSOR_TYPE_OTHER_SPONSOR;
}

/** Where a main application stands still open for its family: any other status decides the members with it. */
const MAIN_UNDECIDED: readonly ApplicationStatus[] = [
  ApplicationStatus.APPLICATION_STATUS_UNSPECIFIED,
  ApplicationStatus.APPLICATION_STATUS_SUBMITTED,
  ApplicationStatus.APPLICATION_STATUS_EVIDENCE_PENDING,
  ApplicationStatus.APPLICATION_STATUS_ADVICE_PENDING,
];

/** The status event of a case in its current state (ARCHITECTURE.md §5): references and facts, no documents. */
export function statusEventOf(application: ApplicationRecord, reasonCode: string | undefined, at: Date): ApplicationStatusChanged {
  return {
    applicationRef: application.id,
    subject: application.subjectPseudonym ? { pseudonym: application.subjectPseudonym } : undefined,
    category: application.category,
    status: application.status,
    citizenship: application.citizenship,
    sponsorType: sponsorTypeOf(application),
    // A filing channel carried an applicant's own application (issue 15): it is nobody's sponsor, so none is named.
    sponsor: application.filingRoute === 'APPLICANT_CHANNEL' ? undefined : { oin: application.sponsorOin, subUnit: '' },
    submittedOn: application.submittedOn,
    decidedOn: application.decidedOn ?? '',
    reasonCode: reasonCode ?? '',
    occurredAt: toTimestamp(at),
    // A code from the public table, not personal data: the post tells the arrival, the permit names it.
    collectionPoint: application.collectionPoint,
    arrival: toArrivalMessage(application.arrival),
  };
}

/**
 * Writes what happened to a case, in the caller's transaction: for every transition the new status, its
 * decision record, its history row and its status event (outbox). One place, so no transition can be
 * recorded without its event or published without being recorded.
 */
@Injectable()
export class CaseJournal {
  constructor(
    private readonly applications: ApplicationRepository,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    private readonly ids: IdRepository,
  ) {}

  /** Applies the transitions to `application`, persists everything, and returns the case in its new state. */
  async record(
    tx: Transaction,
    application: ApplicationRecord,
    transitions: readonly PlannedTransition[],
    at: Date,
  ): Promise<ApplicationRecord> {
    let current = application;
    for (const step of transitions) {
      current = afterStep(current, step);
      if (step.decision) {
        const decision = step.decision;
        await this.applications.insertDecisions(tx, [
          {
            id: this.ids.newId(),
            applicationId: current.id,
            kind: decision.kind,
            resultingStatus: decision.resultingStatus,
            reasonCode: decision.reasonCode ?? null,
            findings: decision.findings,
            ruleVersion: decision.ruleVersion,
            sponsorRegisterVersion: decision.sponsorRegisterVersion,
            evidenceUsed: decision.evidenceUsed,
            evidenceSetAside: decision.evidenceSetAside,
            decidedOn: decision.decidedOn,
            decidedAt: at,
            sponsorNotificationId: decision.sponsorNotificationId ?? null,
            salaryAssessment: decision.salaryAssessment ?? null,
          },
        ]);
      }
      const envelope = await this.outbox.enqueue(tx, TOPICS.applicationStatusChanged, statusEventOf(current, step.reasonCode, at));
      await this.applications.appendHistory(tx, [
        { applicationId: current.id, status: step.to, reasonCode: step.reasonCode ?? null, occurredAt: at, eventId: envelope.eventId },
      ]);
    }
    const recorded: ApplicationRecord = { ...current, updatedAt: at };
    // Family members filed together with this case are decided with it (DOMAIN.md §1.9): queued in this very
    // transaction, so the main decision never commits without its members being due for theirs.
    if (!MAIN_UNDECIDED.includes(recorded.status) && MAIN_UNDECIDED.includes(application.status)) {
      const members = await this.applications.familyMemberIds(tx, recorded.id);
      if (members.length > 0) await this.applications.flagForAssessment(tx, members);
    }
    await this.applications.update(tx, recorded.id, {
      status: recorded.status,
      decidedOn: recorded.decidedOn,
      reasonCode: recorded.reasonCode,
      subjectPseudonym: recorded.subjectPseudonym,
      completeOnReceipt: recorded.completeOnReceipt,
      deadlines: recorded.deadlines,
      updatedAt: at,
    });
    return recorded;
  }
}

/** The case after one step: a decision (or withdrawal) sets its date and ground, a gap or an expiry its reason. */
function afterStep(application: ApplicationRecord, step: PlannedTransition): ApplicationRecord {
  const reasonCode = step.reasonCode ?? null;
  if (DECISION_STATUSES.includes(step.to)) {
    return { ...application, status: step.to, decidedOn: step.decision?.decidedOn ?? application.decidedOn, reasonCode };
  }
  // A gap, and an expiry (why a new application is needed), keep their reason on the case as on the event.
  if (step.to === ApplicationStatus.APPLICATION_STATUS_EVIDENCE_PENDING || step.to === ApplicationStatus.APPLICATION_STATUS_EXPIRED)
    return { ...application, status: step.to, reasonCode };
  return { ...application, status: step.to };
}
