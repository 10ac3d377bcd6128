import type { EvidenceReference } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { EvidenceRecord } from './evidence';

export function toEvidenceReference(evidence: EvidenceRecord): EvidenceReference {
  return {
    evidenceId: evidence.id,
    evidenceType: evidence.evidenceType,
    contentSha256: evidence.contentSha256,
    schemaVersion: evidence.schemaVersion,
  };
}
