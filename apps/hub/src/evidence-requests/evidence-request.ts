import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';

export type EvidenceRequestStatus = 'PENDING' | 'COMPLETED' | 'EXPIRED';

/**
 * A request the vault could not answer yet: the hub asked the source and waits until the deadline. The
 * requester polls it (GetEvidenceRequest) or listens for request-completed / request-expired events.
 */
export interface EvidenceRequestRecord {
  id: string;
  requesterOin: string;
  requesterSubUnit: string;
  evidenceType: IssuableEvidenceType;
  subjectPseudonym: string;
  purpose: string;
  legalBasis: string;
  explicitRequestByPerson: boolean;
  grantId: string;
  status: EvidenceRequestStatus;
  requestedAt: Date;
  deadline: Date;
  completedAt: Date | null;
  evidenceId: string | null;
  expiredAt: Date | null;
  /** The one source that sees this request and may complete it; null when unrouted (no source lists it). */
  routedSourceOin: string | null;
}
