import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';

export type EvidenceRequestState = 'PENDING' | 'COMPLETED' | 'EXPIRED' | 'REFUSED';

/**
 * A request the IND made to the hub, and what the hub said about it since. A completion or expiry event
 * can arrive before the case committed its request: then the request has no case yet.
 */
export interface EvidenceRequestRecord {
  readonly id: string;
  /** Null for a refusal: the hub registered nothing. */
  readonly hubRequestId: string | null;
  readonly applicationId: string | null;
  readonly evidenceType: EvidenceType;
  readonly state: EvidenceRequestState;
  readonly requestedAt: Date | null;
  readonly deadline: Date | null;
  readonly evidenceId: string | null;
  readonly refusalReason: string | null;
  readonly updatedAt: Date;
}
