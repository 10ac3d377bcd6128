import type { EvidenceWithdrawal, IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { RevokeEvidenceRequest } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import type { FieldViolation } from '@welkom/errors';
import { fromTimestamp } from '@welkom/platform';
import type { EvidenceCatalogue, EvidenceCatalogueEntry } from '../catalogue/evidence-catalogue';
import { type CheckedPayload, checkPayload } from '../catalogue/evidence-payload';
import { invalidRequest, REASON_RULE, SUB_UNIT_RULE } from '../grants/grant.command';
import { HubError } from '../hub.errors';
import { checkText, checkUuid, type TextRule } from '../platform/field-checks';
import { parseSubjectIdentifier, type SubjectId } from '../subjects/subject-identifier';

export const SOURCE_REFERENCE_RULE: TextRule = {
  required: true,
  maxChars: 128,
  pattern: /^[A-Za-z0-9][A-Za-z0-9._:/-]{0,127}$/,
  patternDescription: 'must be 1-128 letters, digits or . _ : / - (starting with a letter or digit)',
};

/** Where an issue came from: the event backbone must never carry a real identifier. */
export type IssueOrigin = 'grpc' | 'event';

export interface IssueEvidenceCommand {
  subject: SubjectId;
  entry: EvidenceCatalogueEntry;
  payload: CheckedPayload;
  /** When the source established the fact; now, when absent. */
  issuedAt: Date | undefined;
  /** The catalogue's default validity, when absent. */
  validUntil: Date | undefined;
  sourceReference: string;
  subUnit: string;
}

/**
 * The one command behind IssueEvidence (gRPC) and welkom.evidence-source.issued.v1 (Kafka): both adapters
 * build it here, so both run the same checks.
 */
export function issueEvidenceCommand(
  input: IssuedEvidence | null | undefined,
  catalogue: EvidenceCatalogue,
  origin: IssueOrigin,
  path = 'evidence',
): IssueEvidenceCommand {
  if (!input) throw invalidRequest([{ field: path, description: 'is required' }]);
  const violations: FieldViolation[] = [];
  const { subject, violations: subjectViolations } = parseSubjectIdentifier(input.subject, `${path}.subject`);
  violations.push(...subjectViolations);
  const entry = catalogue.find(input.evidenceType);
  if (!entry) violations.push({ field: `${path}.evidence_type`, description: 'is not an evidence type of the catalogue' });
  const checked = entry ? checkPayload(entry, input.payload, `${path}.payload`) : { violations: [] };
  violations.push(...checked.violations);
  const issuedAt = fromTimestamp(input.issuedAt);
  const validUntil = fromTimestamp(input.validUntil);
  if (issuedAt === 'invalid') violations.push({ field: `${path}.issued_at`, description: 'is not a valid timestamp' });
  if (validUntil === 'invalid') violations.push({ field: `${path}.valid_until`, description: 'is not a valid timestamp' });
  const sourceReference = checkText(input.sourceReference, `${path}.source_reference`, SOURCE_REFERENCE_RULE, violations);
  const subUnit = checkText(input.subUnit, `${path}.sub_unit`, SUB_UNIT_RULE, violations);
  if (violations.length > 0 || !subject || !entry || !checked.payload || issuedAt === 'invalid' || validUntil === 'invalid') {
    throw invalidRequest(violations);
  }
  if (origin === 'event' && subject.kind !== 'pseudonym') {
    throw new HubError('IDENTIFIER_ON_EVENT_BACKBONE', 'Evidence on the event backbone must name its subject by pseudonym', {
      fieldViolations: [{ field: `${path}.subject`, description: 'must be a pseudonym on the event backbone, never a BSN, V-number or passport number' }],
    });
  }
  return { subject, entry, payload: checked.payload, issuedAt, validUntil, sourceReference, subUnit };
}

export type RevokeTarget = { evidenceId: string } | { evidenceType: EvidenceCatalogueEntry['type']; sourceReference: string };

export interface RevokeEvidenceCommand {
  target: RevokeTarget;
  reason: string;
}

export function revokeEvidenceCommand(request: RevokeEvidenceRequest, catalogue: EvidenceCatalogue): RevokeEvidenceCommand {
  const violations: FieldViolation[] = [];
  const reason = checkText(request?.reason, 'reason', REASON_RULE, violations);
  const byId = request?.evidenceId !== undefined && request?.evidenceId !== null;
  const byReference = request?.sourceReference !== undefined && request?.sourceReference !== null;
  let target: RevokeTarget | undefined;
  if (byId === byReference) {
    violations.push({ field: 'target', description: 'must name exactly one of evidence_id and source_reference' });
  } else if (byId) {
    const evidenceId = checkUuid(request.evidenceId, 'evidence_id', violations);
    target = { evidenceId };
  } else {
    const entry = catalogue.find(request.sourceReference?.evidenceType ?? '');
    if (!entry) violations.push({ field: 'source_reference.evidence_type', description: 'is not an evidence type of the catalogue' });
    const sourceReference = checkText(request.sourceReference?.sourceReference, 'source_reference.source_reference', SOURCE_REFERENCE_RULE, violations);
    if (entry) target = { evidenceType: entry.type, sourceReference };
  }
  if (violations.length > 0 || !target) throw invalidRequest(violations);
  return { target, reason };
}

/** A withdrawal from the event backbone is the same revocation, named by the source's own reference. */
export function withdrawalCommand(withdrawal: EvidenceWithdrawal, catalogue: EvidenceCatalogue): RevokeEvidenceCommand {
  return revokeEvidenceCommand(
    { sourceReference: { evidenceType: withdrawal.evidenceType, sourceReference: withdrawal.sourceReference }, reason: withdrawal.reason },
    catalogue,
  );
}
