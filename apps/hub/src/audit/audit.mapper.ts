import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type {
  ListSubjectAccessResponse,
  SubjectAccessEntry,
  VerifyAuditChainResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/audit';
import { toTimestamp } from '@welkom/platform';
import type { AuditRecord } from './audit-chain';
import type { ChainVerification, SubjectAccess } from './audit.service';

// Refusal reasons sit in `reason`; for other actions that column holds free text (why a grant ended).
const REFUSALS = new Set(['EVIDENCE_REQUEST_REFUSED', 'EVIDENCE_ISSUE_REFUSED', 'EVIDENCE_REVOKE_REFUSED']);

export function toVerifyResponse(verification: ChainVerification): VerifyAuditChainResponse {
  return {
    intact: verification.intact,
    verifiedEntries: String(verification.verifiedEntries),
    firstBrokenSequence: verification.firstBrokenSequence,
    problem: verification.problem,
    headHash: verification.headHash,
    headSequence: verification.headSequence,
    lastVerifiedSequence: verification.lastVerifiedSequence,
    checkpointSequence: verification.checkpoint?.sequence ?? '0',
    checkpointTakenAt: verification.checkpoint && toTimestamp(verification.checkpoint.takenAt),
    countersignedCheckpoints: verification.countersigned.map((checkpoint) => ({
      sequence: checkpoint.sequence,
      entryHash: checkpoint.entryHash,
      partyOins: checkpoint.partyOins,
    })),
  };
}

function toAccessEntry(entry: AuditRecord & { partyName: string }): SubjectAccessEntry {
  return {
    auditSequence: entry.sequence,
    occurredAt: toTimestamp(entry.occurredAt),
    party: { oin: entry.actorOin, subUnit: entry.actorSubUnit },
    partyName: entry.partyName,
    action: entry.action,
    evidenceType: (entry.evidenceType ?? 'EVIDENCE_TYPE_UNSPECIFIED') as EvidenceType,
    purpose: entry.purpose ?? '',
    legalBasis: entry.legalBasis ?? '',
    refusalReason: REFUSALS.has(entry.action) ? (entry.reason ?? '') : '',
    disclosedFields: entry.action === 'EVIDENCE_DISCLOSED' ? (entry.disclosedFields ?? []) : [],
    explicitRequestByPerson: entry.explicitRequestByPerson ?? false,
  };
}

export function toSubjectAccessResponse(access: SubjectAccess): ListSubjectAccessResponse {
  return {
    subject: { pseudonym: access.subjectPseudonym },
    entries: access.entries.map(toAccessEntry),
    nextPageToken: access.nextPageToken,
  };
}
