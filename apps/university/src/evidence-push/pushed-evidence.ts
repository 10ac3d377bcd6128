import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';

/**
 * What the university pushed into the hub, as the hub verified it. The connector's memory of its own
 * facts: which evidence to revoke when a change is reported about a person.
 */
export interface PushedEvidenceRecord {
  readonly evidenceType: EvidenceType;
  /** The office's own reference; the hub's source_reference. */
  readonly itemReference: string;
  readonly evidenceId: string;
  readonly subjectPseudonym: string;
  /** The hub's unsalted hash, given to the issuer only: the university's own check of what it pushed. */
  readonly contentSha256: string;
  /** The hub's salted commitment: how the evidence is named to anyone else (issue 11, leak 3). */
  readonly contentCommitment: string;
  readonly schemaVersion: number;
  readonly pushedAt: Date;
  readonly revokedAt: Date | null;
  readonly revocationReason: string | null;
}
