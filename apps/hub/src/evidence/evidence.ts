import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';

/** Verified evidence in the vault, with its provenance. */
export interface EvidenceRecord {
  id: string;
  evidenceType: IssuableEvidenceType;
  subjectPseudonym: string;
  issuerOin: string;
  issuerSubUnit: string;
  /** The issuer's own id, unique per issuer and type. */
  sourceReference: string;
  schemaVersion: number;
  /** The canonical payload (protobuf encoding of the payload message). */
  payload: Uint8Array;
  /** SHA-256 of `payload`, unsalted: the vault's integrity check. Given to the issuer only, never to a requester. */
  contentSha256: string;
  /** Salted commitment to `payload` (evidence-commitment.repository.ts): what every holder of a reference gets. */
  contentCommitment: string;
  /** When the source established the fact. */
  issuedAt: Date;
  /** When the hub checked and stored it. */
  verifiedAt: Date;
  validUntil: Date;
  revokedAt: Date | null;
  revocationReason: string | null;
}

export type EvidenceState = 'VALID' | 'REVOKED' | 'EXPIRED';

export function evidenceStateAt(evidence: EvidenceRecord, at: Date): EvidenceState {
  if (evidence.revokedAt !== null) return 'REVOKED';
  return evidence.validUntil.getTime() <= at.getTime() ? 'EXPIRED' : 'VALID';
}

/** The key that serialises issuing and pending requests about one subject and evidence type. */
export function subjectKey(evidenceType: string, subjectPseudonym: string): string {
  return `${evidenceType}/${subjectPseudonym}`;
}
