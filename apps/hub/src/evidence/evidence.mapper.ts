import type { EvidenceReference } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { EvidenceRecord } from './evidence';

/**
 * Who gets the reference. Only the issuer, which holds the whole payload anyway, still gets the unsalted hash
 * (deprecated field); a requester or an event reader gets the salted commitment only (issue 11, leak 3).
 */
export type ReferenceAudience = 'issuer' | 'holder';

export function toEvidenceReference(evidence: EvidenceRecord, audience: ReferenceAudience): EvidenceReference {
  return {
    evidenceId: evidence.id,
    evidenceType: evidence.evidenceType,
    contentSha256: audience === 'issuer' ? evidence.contentSha256 : '',
    schemaVersion: evidence.schemaVersion,
    contentCommitment: evidence.contentCommitment,
  };
}
