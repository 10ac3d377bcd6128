import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';

/**
 * What the requester asks the source of a derived fact to establish (hub.v1.EvidenceQuestion): shown only to the
 * source the request is routed to.
 */
export interface EvidenceQuestionRecord {
  criterion: string;
  referenceDate: string;
  tableVersion: string;
  /** The employer the fact must rest on; absent or empty: any (questions stored before it existed have none). */
  employerOin?: string;
}

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
  /** The requester's question for the source; null when it put none. */
  question: EvidenceQuestionRecord | null;
}
