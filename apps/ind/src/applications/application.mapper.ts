import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import {
  type Application,
  type Decision,
  DecisionKind,
  type DecisionDeadline,
  type EvidenceWait,
  EvidenceWaitState,
  type FileApplicationResponse,
  type ListApplicationsResponse,
  type NotificationEffect,
} from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { type ApplicationStatus, type PermitCategory, SponsorType } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { toOptionalTimestamp, toTimestamp } from '@welkom/platform';
import { DEADLINE_KIND_OF, DEADLINE_NATURE_OF } from '../deadline-monitor/deadline-monitor.service';
import type { DeadlineLine } from '../deadlines/decision-deadline.calculator';
import type { DecisionEntity, EvidenceRequestEntity } from './application.entity';
import type { ApplicationRecord } from './application.repository';

const DECISION_KIND: Record<string, DecisionKind> = {
  APPLICATION: DecisionKind.DECISION_KIND_APPLICATION,
  PERMIT_ISSUANCE: DecisionKind.DECISION_KIND_PERMIT_ISSUANCE,
  SPONSOR_NOTIFICATION: DecisionKind.DECISION_KIND_SPONSOR_NOTIFICATION,
  WITHDRAWAL: DecisionKind.DECISION_KIND_WITHDRAWAL,
};

const WAIT_STATE: Record<string, EvidenceWaitState> = {
  PENDING: EvidenceWaitState.EVIDENCE_WAIT_STATE_PENDING,
  COMPLETED: EvidenceWaitState.EVIDENCE_WAIT_STATE_COMPLETED,
  EXPIRED: EvidenceWaitState.EVIDENCE_WAIT_STATE_EXPIRED,
  REFUSED: EvidenceWaitState.EVIDENCE_WAIT_STATE_REFUSED,
};

export function toDeadline(line: DeadlineLine): DecisionDeadline {
  return {
    kind: DEADLINE_KIND_OF[line.kind],
    nature: DEADLINE_NATURE_OF[line.nature],
    periodDays: line.periodDays,
    dueOn: line.dueOn,
    rolledForwardFrom: line.rolledForwardFrom ?? '',
    extendedByDays: line.extendedByDays,
    dueBeforeExtensionOn: line.dueBeforeExtensionOn ?? '',
  };
}

function toDecision(decision: DecisionEntity): Decision {
  return {
    kind: DECISION_KIND[decision.kind] ?? DecisionKind.DECISION_KIND_UNSPECIFIED,
    resultingStatus: decision.resultingStatus as ApplicationStatus,
    reasonCode: decision.reasonCode ?? '',
    findings: decision.findings,
    ruleVersion: decision.ruleVersion,
    sponsorRegisterVersion: decision.sponsorRegisterVersion,
    // The content hash is what lets the IND prove later which version of a fact it relied on.
    evidenceUsed: decision.evidenceUsed.map((used) => ({
      evidenceId: used.evidenceId,
      evidenceType: used.evidenceType as EvidenceType,
      contentSha256: used.contentSha256,
      schemaVersion: 0,
    })),
    evidenceSetAside: decision.evidenceSetAside.map((aside) => ({ ...aside, evidenceType: aside.evidenceType as EvidenceType })),
    decidedOn: decision.decidedOn,
    decidedAt: toTimestamp(decision.decidedAt),
    sponsorNotificationId: decision.sponsorNotificationId ?? '',
  };
}

function toWait(request: EvidenceRequestEntity): EvidenceWait {
  return {
    hubRequestId: request.hubRequestId ?? '',
    evidenceType: request.evidenceType as EvidenceType,
    state: WAIT_STATE[request.state] ?? EvidenceWaitState.EVIDENCE_WAIT_STATE_UNSPECIFIED,
    requestedAt: toOptionalTimestamp(request.requestedAt),
    deadline: toOptionalTimestamp(request.deadline),
    refusalReason: request.refusalReason ?? '',
  };
}

export function toApplication({ application, history, decisions, requests, notifications }: ApplicationRecord): Application {
  return {
    applicationRef: application.id,
    sponsorReference: application.sponsorReference,
    sponsor: { oin: application.sponsorOin, subUnit: '' },
    sponsorType: application.sponsorRecognised ? SponsorType.SPONSOR_TYPE_RECOGNISED_SPONSOR : SponsorType.SPONSOR_TYPE_OTHER_SPONSOR,
    category: application.category as PermitCategory,
    status: application.status as ApplicationStatus,
    subject: application.subjectPseudonym ? { pseudonym: application.subjectPseudonym } : undefined,
    citizenship: application.citizenship,
    submittedOn: application.submittedOn,
    intendedStayFrom: application.intendedStayFrom,
    intendedStayUntil: application.intendedStayUntil,
    decidedOn: application.decidedOn ?? '',
    reasonCode: application.reasonCode ?? '',
    completeOnReceipt: application.completeOnReceipt,
    deadlines: application.deadlines.map(toDeadline),
    deadlineReferenceVersion: application.deadlineReferenceVersion,
    decisions: decisions.map(toDecision),
    evidenceWaits: requests.map(toWait),
    notifications: notifications.map((notification) => ({
      notificationId: notification.notificationId,
      change: notification.change as SponsorChange,
      factDate: notification.factDate,
      reportedOn: notification.reportedOn,
      effect: `NOTIFICATION_EFFECT_${notification.effect}` as NotificationEffect,
      reportedLate: notification.reportedLate,
    })),
    history: history.map((entry) => ({
      status: entry.status as ApplicationStatus,
      occurredAt: toTimestamp(entry.occurredAt),
      reasonCode: entry.reasonCode ?? '',
    })),
  };
}

export function toFileApplicationResponse({ record, alreadyFiled }: { record: ApplicationRecord; alreadyFiled: boolean }): FileApplicationResponse {
  return { application: toApplication(record), alreadyFiled };
}

export function toListApplicationsResponse({ records, nextPageToken }: { records: ApplicationRecord[]; nextPageToken: string }): ListApplicationsResponse {
  return { applications: records.map(toApplication), nextPageToken };
}
