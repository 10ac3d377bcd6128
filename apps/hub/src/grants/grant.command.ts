import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { CreateGrantRequest, EndGrantRequest } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import type { FieldViolation } from '@welkom/errors';
import { isOin } from '@welkom/grpc';
import { fromTimestamp } from '@welkom/platform';
import type { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';
import { HubError } from '../hub.errors';
import { SUB_UNIT_PATTERN } from '../party-registry/party-seed';
import { checkText, checkUuid, type TextRule } from '../platform/field-checks';

/** A purpose is a code, so that a grant and a request can be compared exactly. */
export const PURPOSE_RULE: TextRule = {
  required: true,
  maxChars: 64,
  pattern: /^[A-Z][A-Z0-9_]{2,63}$/,
  patternDescription: 'must be a purpose code of capitals, digits and _ (3-64), e.g. ADMISSION_STUDY',
};
/** A legal basis is cited as people read it ("Vw 2000 art. 24a"), and compared exactly. */
export const LEGAL_BASIS_RULE: TextRule = { required: true, maxChars: 200 };
export const REASON_RULE: TextRule = { required: true, maxChars: 200 };
export const SUB_UNIT_RULE: TextRule = {
  required: false,
  maxChars: 63,
  pattern: SUB_UNIT_PATTERN,
  patternDescription: 'must be a sub-unit code: lower-case letters, digits and -',
};
const MAX_ALLOWED_FIELDS = 32;
const MAX_GRANT_MS = 10 * 366 * 24 * 3600 * 1000;
const KNOWN_ROLES = new Set<string>(Object.values(PartyRole).filter((role) => role !== PartyRole.PARTY_ROLE_UNSPECIFIED));

export interface CreateGrantCommand {
  /** Only seeds fix the id; the admin API always gets a new one. */
  id: string | undefined;
  requesterOin: string | null;
  requesterRole: PartyRole | null;
  requesterSubUnit: string;
  evidenceType: IssuableEvidenceType;
  purpose: string;
  legalBasis: string;
  allowedFields: string[];
  /** Now, when absent. */
  validFrom: Date | undefined;
  validTo: Date;
  requiresExplicitRequest: boolean;
}

export interface EndGrantCommand {
  grantId: string;
  reason: string;
}

function invalid(violations: FieldViolation[]): HubError {
  const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  return new HubError('INVALID_REQUEST', `Invalid request: ${summary}`, { fieldViolations: violations });
}

/**
 * The grant a hub operator (or a seed file) asks for, checked against the catalogue: the evidence type must
 * exist and every allowed field must be one the catalogue lets anyone share for that type.
 */
export function createGrantCommand(
  request: CreateGrantRequest,
  catalogue: EvidenceCatalogue,
  options: { idFromSeed?: boolean } = {},
): CreateGrantCommand {
  const violations: FieldViolation[] = [];
  const grant = request?.grant;
  if (!grant) throw invalid([{ field: 'grant', description: 'is required' }]);
  const id = options.idFromSeed ? checkUuid(grant.grantId, 'grant.grant_id', violations) : undefined;
  if (!options.idFromSeed && grant.grantId) violations.push({ field: 'grant.grant_id', description: 'is assigned by the hub; leave it empty' });
  for (const [field, value] of [
    ['created_at', grant.createdAt],
    ['ended_at', grant.endedAt],
    ['end_reason', grant.endReason],
  ] as const) {
    if (value) violations.push({ field: `grant.${field}`, description: 'is set by the hub; leave it empty' });
  }

  let requesterOin: string | null = null;
  let requesterRole: PartyRole | null = null;
  const hasOin = grant.requesterOin !== undefined && grant.requesterOin !== null;
  const hasRole = grant.requesterRole !== undefined && grant.requesterRole !== null;
  if (hasOin === hasRole) {
    violations.push({ field: 'grant.requester', description: 'must name exactly one of requester_oin and requester_role' });
  } else if (hasOin) {
    if (typeof grant.requesterOin === 'string' && isOin(grant.requesterOin)) requesterOin = grant.requesterOin;
    else violations.push({ field: 'grant.requester_oin', description: 'must be an OIN: 20 digits' });
  } else if (typeof grant.requesterRole === 'string' && KNOWN_ROLES.has(grant.requesterRole)) {
    requesterRole = grant.requesterRole;
  } else {
    violations.push({ field: 'grant.requester_role', description: 'must be a party role other than UNSPECIFIED' });
  }
  const requesterSubUnit = checkText(grant.requesterSubUnit, 'grant.requester_sub_unit', SUB_UNIT_RULE, violations);

  const entry = catalogue.find(grant.evidenceType);
  if (!entry) violations.push({ field: 'grant.evidence_type', description: 'is not an evidence type of the catalogue' });
  const purpose = checkText(grant.purpose, 'grant.purpose', PURPOSE_RULE, violations);
  const legalBasis = checkText(grant.legalBasis, 'grant.legal_basis', LEGAL_BASIS_RULE, violations);

  const allowedFields: string[] = Array.isArray(grant.allowedFields) ? grant.allowedFields : [];
  if (allowedFields.length === 0) violations.push({ field: 'grant.allowed_fields', description: 'must name at least one field' });
  if (allowedFields.length > MAX_ALLOWED_FIELDS) {
    violations.push({ field: 'grant.allowed_fields', description: `must name at most ${MAX_ALLOWED_FIELDS} fields` });
  } else if (entry) {
    allowedFields.forEach((name, index) => {
      const field = entry.fields.find((candidate) => candidate.protoName === name);
      if (!field) violations.push({ field: `grant.allowed_fields[${index}]`, description: `is not a field of ${entry.binding.messageName}` });
      else if (!field.shareable) violations.push({ field: `grant.allowed_fields[${index}]`, description: 'is a field the catalogue does not let anyone share' });
    });
    if (new Set(allowedFields).size !== allowedFields.length) violations.push({ field: 'grant.allowed_fields', description: 'must not repeat a field' });
  }

  const validFrom = fromTimestamp(grant.validFrom);
  const validTo = fromTimestamp(grant.validTo);
  if (validFrom === 'invalid') violations.push({ field: 'grant.valid_from', description: 'is not a valid timestamp' });
  if (validTo === 'invalid') violations.push({ field: 'grant.valid_to', description: 'is not a valid timestamp' });
  if (validTo === undefined) violations.push({ field: 'grant.valid_to', description: 'is required: grants are time-bounded' });
  if (validTo instanceof Date && validFrom instanceof Date) {
    if (validTo.getTime() <= validFrom.getTime()) violations.push({ field: 'grant.valid_to', description: 'must be after valid_from' });
    else if (validTo.getTime() - validFrom.getTime() > MAX_GRANT_MS) violations.push({ field: 'grant.valid_to', description: 'must be at most 10 years after valid_from' });
  }
  if (typeof grant.requiresExplicitRequest !== 'boolean') {
    violations.push({ field: 'grant.requires_explicit_request', description: 'must be true or false' });
  }
  if (violations.length > 0 || !entry || !(validTo instanceof Date)) throw invalid(violations);
  return {
    id,
    requesterOin,
    requesterRole,
    requesterSubUnit,
    evidenceType: entry.type,
    purpose,
    legalBasis,
    allowedFields: [...allowedFields],
    validFrom: validFrom instanceof Date ? validFrom : undefined,
    validTo,
    requiresExplicitRequest: grant.requiresExplicitRequest,
  };
}

export function endGrantCommand(request: EndGrantRequest): EndGrantCommand {
  const violations: FieldViolation[] = [];
  const grantId = checkUuid(request?.grantId, 'grant_id', violations);
  const reason = checkText(request?.reason, 'reason', REASON_RULE, violations);
  if (violations.length > 0) throw invalid(violations);
  return { grantId, reason };
}

export { invalid as invalidRequest };
