import { Inject, Injectable } from '@nestjs/common';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { TOPICS } from '@welkom/events';
import { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import { EVENT_OUTBOX, type EventOutbox } from '@welkom/messaging';
import { rejectionError } from '@welkom/grpc';
import { HubEvidenceRepository } from '../hub-connection/hub-evidence.repository';
import { PushedEvidenceRepository } from '../evidence-push/pushed-evidence.repository';
import { SponsoredApplicationRepository } from '../applications/sponsored-application.repository';
import { UniversityError } from '../university.errors';
import type { ChangeReportCommand, ReportableChange } from './change-report.command';
import { type RevokedEvidence, type SponsorNotificationRecord, toRevokedReference } from './sponsor-notification';
import { SponsorNotificationRepository } from './sponsor-notification.repository';

/** The sponsor reports within 4 weeks of the fact (DOMAIN.md §2.3, §7.4); later is a compliance flag. */
export const NOTIFICATION_PERIOD_DAYS = 28;
const DAY_MS = 86_400_000;

/** What a change is about: the category it applies to and the evidence it makes untrue. */
const CHANGE_SCOPE: Record<ReportableChange, { category: PermitCategory; revokes: EvidenceType[] }> = {
  [SponsorChange.SPONSOR_CHANGE_DEREGISTERED]: {
    category: PermitCategory.PERMIT_CATEGORY_STUDENT,
    revokes: [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF],
  },
  [SponsorChange.SPONSOR_CHANGE_INSUFFICIENT_STUDY_PROGRESS]: {
    category: PermitCategory.PERMIT_CATEGORY_STUDENT,
    revokes: [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF],
  },
  [SponsorChange.SPONSOR_CHANGE_HOSTING_ENDED]: {
    category: PermitCategory.PERMIT_CATEGORY_RESEARCHER,
    revokes: [EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT],
  },
};

export function reportDueBy(factDate: string): string {
  return new Date(Date.parse(`${factDate}T00:00:00Z`) + NOTIFICATION_PERIOD_DAYS * DAY_MS).toISOString().slice(0, 10);
}

export interface ChangeReportOutcome {
  notification: SponsorNotificationRecord;
  dueBy: string;
  alreadyReported: boolean;
}

/**
 * Duty to notify: the university withdraws, in the hub, the evidence the change makes untrue (so nobody relies
 * on it any more), then records the report and tells the IND (event, through the outbox) in one transaction.
 * Revoking is idempotent at the hub, so a report that failed halfway is simply made again.
 */
@Injectable()
export class ChangeReportService {
  constructor(
    private readonly applications: SponsoredApplicationRepository,
    private readonly pushed: PushedEvidenceRepository,
    private readonly notifications: SponsorNotificationRepository,
    private readonly hub: HubEvidenceRepository,
    private readonly transactions: TransactionRepository,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
  ) {}

  async report(command: ChangeReportCommand): Promise<ChangeReportOutcome> {
    const application = await this.applications.find(command.applicationReference);
    if (!application) throw new UniversityError('APPLICATION_NOT_FOUND', `No application ${command.applicationReference}`);
    const scope = CHANGE_SCOPE[command.change];
    if (application.category !== scope.category) {
      throw new UniversityError('CHANGE_NOT_APPLICABLE', `${command.change} does not apply to a ${application.category} application`, {
        fieldViolations: [{ field: 'change', description: `does not apply to ${application.category}` }],
      });
    }
    const today = this.clock.today();
    if (command.factDate > today) throw UniversityError.invalid([{ field: 'fact_date', description: 'lies in the future' }]);
    if (!application.indApplicationRef || !application.subjectPseudonym) {
      throw new UniversityError(
        'APPLICATION_NOT_DELIVERED',
        `Application ${command.applicationReference} is not with the IND yet; report again once it is`,
      );
    }
    const indApplicationRef = application.indApplicationRef;
    const subjectPseudonym = application.subjectPseudonym;

    const reason = `Sponsor notification: ${command.change.replace('SPONSOR_CHANGE_', '').toLowerCase()} on ${command.factDate}`;
    const standing = await this.pushed.findActiveFor(subjectPseudonym, scope.revokes);
    const revoked: RevokedEvidence[] = [];
    for (const evidence of standing) {
      const answer = await this.hub.revoke(evidence.evidenceType, evidence.itemReference, reason);
      if (!answer.ok && answer.rejection.reason !== 'EVIDENCE_NOT_FOUND') throw rejectionError(answer.rejection);
      revoked.push({
        evidenceId: evidence.evidenceId,
        evidenceType: evidence.evidenceType,
        contentCommitment: evidence.contentCommitment,
        schemaVersion: evidence.schemaVersion,
      });
    }

    const now = this.clock.now();
    const notification: SponsorNotificationRecord = {
      notificationId: this.ids.newId(),
      applicationReference: command.applicationReference,
      change: command.change,
      factDate: command.factDate,
      reportedOn: today,
      reportedLate: today > reportDueBy(command.factDate),
      revokedEvidence: revoked,
      createdAt: now,
    };
    return this.transactions.run(async (tx) => {
      const earlier = await this.notifications.findReport(tx, command.applicationReference, command.change, command.factDate);
      if (earlier) return { notification: earlier, dueBy: reportDueBy(command.factDate), alreadyReported: true };
      await this.notifications.insert(tx, notification);
      for (const evidence of standing) await this.pushed.markRevoked(tx, evidence.evidenceType, evidence.itemReference, now, reason);
      await this.outbox.enqueue(tx, TOPICS.sponsorNotification, {
        notificationId: notification.notificationId,
        applicationRef: indApplicationRef,
        subject: { pseudonym: subjectPseudonym },
        change: command.change,
        factDate: command.factDate,
        reportedOn: today,
        revokedEvidence: revoked.map(toRevokedReference),
        sponsorReference: command.applicationReference,
      });
      return { notification, dueBy: reportDueBy(command.factDate), alreadyReported: false };
    });
  }
}
