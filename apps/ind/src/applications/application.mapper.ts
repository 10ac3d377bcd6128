import {
  type Application,
  type Decision,
  DecisionKind,
  type DecisionDeadline,
  type EvidenceWait,
  EvidenceWaitState,
  type FileApplicationResponse,
  type FilingReceipt,
  type ListApplicationsResponse,
  type NotificationEffect,
} from '@welkom/contracts/generated/welkom/ind/v1/application_intake';
import { sponsorTypeOf } from './case-journal';
import { toOptionalTimestamp, toTimestamp } from '@welkom/platform';
import { DEADLINE_KIND_OF, DEADLINE_NATURE_OF } from '../deadline-monitor/deadline-monitor.service';
import type { DeadlineLine } from '../deadlines/decision-deadline.calculator';
import type { ApplicationView, DecisionRecord } from './application';
import type { EvidenceRequestRecord } from './evidence-request';

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

function toDecision(decision: DecisionRecord): Decision {
  return {
    kind: DECISION_KIND[decision.kind] ?? DecisionKind.DECISION_KIND_UNSPECIFIED,
    resultingStatus: decision.resultingStatus,
    reasonCode: decision.reasonCode ?? '',
    findings: [...decision.findings],
    ruleVersion: decision.ruleVersion,
    sponsorRegisterVersion: decision.sponsorRegisterVersion,
    // The hub's commitment is what lets the IND prove later which version of a fact it relied on; it reveals
    // nothing about the fact to whoever reads the decision (issue 11, leak 3), unlike the old unsalted hash.
    evidenceUsed: decision.evidenceUsed.map((used) => ({
      evidenceId: used.evidenceId,
      evidenceType: used.evidenceType,
      contentSha256: '',
      schemaVersion: 0,
      contentCommitment: used.contentCommitment,
    })),
    evidenceSetAside: decision.evidenceSetAside.map((aside) => ({ ...aside })),
    decidedOn: decision.decidedOn,
    decidedAt: toTimestamp(decision.decidedAt),
    sponsorNotificationId: decision.sponsorNotificationId ?? '',
    salaryAssessment: decision.salaryAssessment ? { ...decision.salaryAssessment } : undefined,
  };
}

function toWait(request: EvidenceRequestRecord): EvidenceWait {
  return {
    hubRequestId: request.hubRequestId ?? '',
    evidenceType: request.evidenceType,
    state: WAIT_STATE[request.state] ?? EvidenceWaitState.EVIDENCE_WAIT_STATE_UNSPECIFIED,
    requestedAt: toOptionalTimestamp(request.requestedAt),
    deadline: toOptionalTimestamp(request.deadline),
    refusalReason: request.refusalReason ?? '',
  };
}

export function toApplication({ application, history, decisions, requests, notifications }: ApplicationView): Application {
  return {
    applicationRef: application.id,
    sponsorReference: application.sponsorReference,
    sponsor: { oin: application.sponsorOin, subUnit: '' },
    sponsorType: sponsorTypeOf(application),
    category: application.category,
    status: application.status,
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
      change: notification.change,
      factDate: notification.factDate,
      reportedOn: notification.reportedOn,
      effect: `NOTIFICATION_EFFECT_${notification.effect}` as NotificationEffect,
      reportedLate: notification.reportedLate,
    })),
    history: history.map((entry) => ({
      status: entry.status,
      occurredAt: toTimestamp(entry.occurredAt),
      reasonCode: entry.reasonCode ?? '',
    })),
  };
}

export function toFileApplicationResponse({
  view,
  alreadyFiled,
}: {
  view: ApplicationView;
  alreadyFiled: boolean;
}): FileApplicationResponse {
  return { application: undefined, alreadyFiled, receipt: toFilingReceipt(view) };
}

/** The filing answer: where the case stands, never the applicant's pseudonym or evidence hashes (issue 11, leak 2). */
export function toFilingReceipt({ application }: ApplicationView): FilingReceipt {
  return {
    applicationRef: application.id,
    sponsorReference: application.sponsorReference,
    category: application.category,
    status: application.status,
    submittedOn: application.submittedOn,
    decidedOn: application.decidedOn ?? '',
    reasonCode: application.reasonCode ?? '',
    completeOnReceipt: application.completeOnReceipt,
    deadlines: application.deadlines.map(toDeadline),
    deadlineReferenceVersion: application.deadlineReferenceVersion,
  };
}

export function toListApplicationsResponse({
  views,
  nextPageToken,
}: {
  views: readonly ApplicationView[];
  nextPageToken: string;
}): ListApplicationsResponse {
  return { applications: views.map(toApplication), nextPageToken };
}
