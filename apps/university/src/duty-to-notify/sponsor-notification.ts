import type { EvidenceReference, EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';

/** Evidence the hub withdrew for a report, named as the IND will find it in its decisions. */
export interface RevokedEvidence {
  readonly evidenceId: string;
  readonly evidenceType: EvidenceType;
  /** The hub's salted commitment: names the version without revealing its content (issue 11, leak 3). */
  readonly contentCommitment: string;
  readonly schemaVersion: number;
}

/** As the IND and the back office see it: by commitment, never by the unsalted hash. */
export function toRevokedReference(evidence: RevokedEvidence): EvidenceReference {
  return {
    evidenceId: evidence.evidenceId,
    evidenceType: evidence.evidenceType,
    contentSha256: '',
    schemaVersion: evidence.schemaVersion,
    contentCommitment: evidence.contentCommitment,
  };
}

/** A change the university reported under its duty to notify (meldplicht), and what it revoked for it. */
export interface SponsorNotificationRecord {
  readonly notificationId: string;
  readonly applicationReference: string;
  readonly change: SponsorChange;
  readonly factDate: string;
  readonly reportedOn: string;
  readonly reportedLate: boolean;
  readonly revokedEvidence: readonly RevokedEvidence[];
  readonly createdAt: Date;
}
