import { Inject, Injectable } from '@nestjs/common';
import type { Transaction } from '@welkom/persistence';
import {
  ApplicationStatus,
  type ApplicationStatusChanged,
  type PermitCategory,
  SponsorType,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import type { PlannedTransition } from '../assessment/case-assessment';
import { IdRepository } from '../platform/id.repository';
import { EVENT_OUTBOX, type EventOutbox } from '../platform/event-outbox';
import { toTimestamp } from '../platform/timestamp.mapper';
import type { ApplicationEntity } from './application.entity';
import { ApplicationRepository } from './application.repository';

/** Statuses that are a decision (or withdrawal) on the application: they set decided_on. */
const DECISION_STATUSES: readonly ApplicationStatus[] = [
  ApplicationStatus.APPLICATION_STATUS_GRANTED,
  ApplicationStatus.APPLICATION_STATUS_REFUSED,
  ApplicationStatus.APPLICATION_STATUS_WITHDRAWN,
];

/** The status event of a case in its current state (ARCHITECTURE.md §5): references and facts, no documents. */
export function statusEventOf(application: ApplicationEntity, reasonCode: string | undefined, at: Date): ApplicationStatusChanged {
  return {
    applicationRef: application.id,
    subject: application.subjectPseudonym ? { pseudonym: application.subjectPseudonym } : undefined,
    category: application.category as PermitCategory,
    status: application.status as ApplicationStatus,
    citizenship: application.citizenship,
    sponsorType: application.sponsorRecognised ? SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR : SponsorType.SPONSOR_TYPE_OTHER_SPONSOR,
    sponsor: { oin: application.sponsorOin, subUnit: '' },
    submittedOn: application.submittedOn,
    decidedOn: application.decidedOn ?? '',
    reasonCode: reasonCode ?? '',
    occurredAt: toTimestamp(at),
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

  /** Applies the transitions to `application` (mutated to its new state) and persists everything. */
  async record(tx: Transaction, application: ApplicationEntity, transitions: readonly PlannedTransition[], at: Date): Promise<void> {
    for (const step of transitions) {
      application.status = step.to;
      if (DECISION_STATUSES.includes(step.to)) {
        application.decidedOn = step.decision?.decidedOn ?? application.decidedOn;
        application.reasonCode = step.reasonCode ?? null;
      } else if (step.to === ApplicationStatus.APPLICATION_STATUS_EVIDENCE_PENDING) {
        application.reasonCode = step.reasonCode ?? null;
      }
      if (step.decision) {
        const decision = step.decision;
        await this.applications.insertDecisions(tx, [
          {
            id: this.ids.newId(),
            applicationId: application.id,
            kind: decision.kind,
            resultingStatus: decision.resultingStatus,
            reasonCode: decision.reasonCode ?? null,
            findings: [...decision.findings],
            ruleVersion: decision.ruleVersion,
            sponsorRegisterVersion: decision.sponsorRegisterVersion,
            evidenceUsed: decision.evidenceUsed.map((used) => ({ ...used })),
            evidenceSetAside: decision.evidenceSetAside.map((aside) => ({ ...aside })),
            decidedOn: decision.decidedOn,
            decidedAt: at,
            sponsorNotificationId: decision.sponsorNotificationId ?? null,
          },
        ]);
      }
      const envelope = await this.outbox.enqueue(tx, TOPICS.applicationStatusChanged, statusEventOf(application, step.reasonCode, at));
      await this.applications.appendHistory(tx, [
        { applicationId: application.id, status: step.to, reasonCode: step.reasonCode ?? null, occurredAt: at, eventId: envelope.eventId },
      ]);
    }
    application.updatedAt = at;
    await this.applications.update(tx, application.id, {
      status: application.status,
      decidedOn: application.decidedOn,
      reasonCode: application.reasonCode,
      subjectPseudonym: application.subjectPseudonym,
      completeOnReceipt: application.completeOnReceipt,
      deadlines: application.deadlines,
      updatedAt: at,
    });
  }
}
