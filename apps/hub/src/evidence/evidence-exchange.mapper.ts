import type {
  DisclosedEvidence,
  EvidenceRequestState,
  GetEvidenceRequestResponse,
  IssueEvidenceResponse,
  OpenEvidenceRequest,
  RequestEvidenceResponse,
  RevokeEvidenceResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { EvidenceRequestStatus } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { toOptionalTimestamp, toTimestamp } from '@welkom/platform';
import type { EvidenceRequestRecord } from '../evidence-requests/evidence-request';
import type { DisclosedEvidenceView, OpenRequestView, RequestOutcome } from '../evidence-requests/evidence-request.service';
import { toSubjectIdentifierMessage } from '../subjects/subject-identifier';
import type { EvidenceRecord } from './evidence';
import type { IssueOutcome } from './evidence-issue.service';
import { toEvidenceReference } from './evidence.mapper';

export function toIssueResponse(outcome: IssueOutcome): IssueEvidenceResponse {
  return {
    reference: toEvidenceReference(outcome.evidence, 'issuer'),
    subject: { pseudonym: outcome.evidence.subjectPseudonym },
    verifiedAt: toTimestamp(outcome.evidence.verifiedAt),
    validUntil: toTimestamp(outcome.evidence.validUntil),
    alreadyIssued: outcome.alreadyIssued,
    completedRequests: outcome.completedRequests,
  };
}

export function toRevokeResponse(evidence: EvidenceRecord): RevokeEvidenceResponse {
  return { reference: toEvidenceReference(evidence, 'issuer'), revokedAt: toOptionalTimestamp(evidence.revokedAt) };
}

export function toDisclosedEvidence(view: DisclosedEvidenceView): DisclosedEvidence {
  const { evidence } = view;
  return {
    reference: toEvidenceReference(evidence, 'holder'),
    subject: { pseudonym: evidence.subjectPseudonym },
    issuer: { oin: evidence.issuerOin, subUnit: evidence.issuerSubUnit },
    issuedAt: toTimestamp(evidence.issuedAt),
    verifiedAt: toTimestamp(evidence.verifiedAt),
    validUntil: toTimestamp(evidence.validUntil),
    payload: view.disclosure.payload,
    disclosedFields: view.disclosure.disclosedFields,
    auditSequence: view.auditSequence,
    disclosedViewSha256: view.disclosure.viewSha256,
  };
}

const STATUS: Record<EvidenceRequestRecord['status'], EvidenceRequestStatus> = {
  PENDING: EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_PENDING,
  COMPLETED: EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_COMPLETED,
  EXPIRED: EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_EXPIRED,
};

export function toRequestState(request: EvidenceRequestRecord): EvidenceRequestState {
  return {
    requestId: request.id,
    status: STATUS[request.status],
    evidenceType: request.evidenceType,
    subject: { pseudonym: request.subjectPseudonym },
    purpose: request.purpose,
    legalBasis: request.legalBasis,
    requestedAt: toTimestamp(request.requestedAt),
    deadline: toTimestamp(request.deadline),
    completedAt: toOptionalTimestamp(request.completedAt ?? request.expiredAt),
  };
}

export function toRequestEvidenceResponse(outcome: RequestOutcome): RequestEvidenceResponse {
  return outcome.kind === 'disclosed' ? { evidence: toDisclosedEvidence(outcome) } : { pending: toRequestState(outcome.request) };
}

export function toGetEvidenceRequestResponse(state: {
  request: EvidenceRequestRecord;
  disclosed?: DisclosedEvidenceView;
}): GetEvidenceRequestResponse {
  return { request: toRequestState(state.request), evidence: state.disclosed ? toDisclosedEvidence(state.disclosed) : undefined };
}

export function toOpenRequest(view: OpenRequestView): OpenEvidenceRequest {
  const { request } = view;
  return {
    requestId: request.id,
    evidenceType: request.evidenceType,
    subject: { pseudonym: request.subjectPseudonym },
    subjectIdentifier: view.identifier ? toSubjectIdentifierMessage(view.identifier) : undefined,
    requester: { oin: request.requesterOin, subUnit: request.requesterSubUnit },
    purpose: request.purpose,
    deadline: toTimestamp(request.deadline),
    // Questions stored before employer_oin existed name no employer: any.
    question: request.question ? { ...request.question, employerOin: request.question.employerOin ?? '' } : undefined,
  };
}
