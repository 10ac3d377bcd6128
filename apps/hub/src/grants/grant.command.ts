import type { Timestamp } from '@welkom/contracts/generated/google/protobuf/timestamp';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { ApproveGrantRequest, CreateGrantRequest, EndGrantRequest } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import { type RelationKind, relationFromMessage } from '../relations/subject-relation';
import type { FieldViolation } from '@welkom/errors';
import { fieldRule, invalid, message, oin, parseRequest, raw, refineRequest, text, type TextRule, uuid } from '@welkom/validation';
import { z } from 'zod';
import type { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';
import { SUB_UNIT_PATTERN } from '../party-registry/party-seed';
import { HubError } from '../hub.errors';
import { fromTimestamp } from '@welkom/platform';

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
const KNOWN_ROLES: readonly string[] = Object.values(PartyRole).filter((role) => role !== PartyRole.PARTY_ROLE_UNSPECIFIED);

/** A google.protobuf.Timestamp as a Date within the range the protobuf spec allows; undefined when absent. */
export const timestamp = fieldRule((value) => {
  const date = fromTimestamp(value as Timestamp | null | undefined);
  return date === 'invalid' ? invalid('is not a valid timestamp') : date;
});

/** The one true-or-false check: proto-loader gives whatever the client encoded. */
const flag = fieldRule((value) => (typeof value === 'boolean' ? value : invalid('must be true or false')));

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
  requiredRelation: RelationKind | null;
}

export interface ApproveGrantCommand {
  grantId: string;
}

export interface EndGrantCommand {
  grantId: string;
  reason: string;
}

const setByHub = fieldRule((value) => (value ? invalid('is set by the hub; leave it empty') : undefined));
const requesterOin = oin();
const grantEnd = fieldRule((value) => {
  if (value === undefined || value === null) return invalid('is required: grants are time-bounded');
  const date = fromTimestamp(value as Timestamp);
  return date === 'invalid' ? invalid('is not a valid timestamp') : date;
});

/** A grant's schema depends on the catalogue (evidence types, shareable fields) and on who fixes the id. */
function grantSchema(catalogue: EvidenceCatalogue, idFromSeed: boolean) {
  const shape = {
    grantId: idFromSeed ? uuid() : fieldRule((value) => (value ? invalid('is assigned by the hub; leave it empty') : undefined)),
    createdAt: setByHub,
    endedAt: setByHub,
    endReason: setByHub,
    proposedBy: setByHub,
    approvedAt: setByHub,
    approvedBy: setByHub,
    requesterOin: raw(),
    requesterRole: raw(),
    requesterSubUnit: text(SUB_UNIT_RULE),
    evidenceType: fieldRule((value) => catalogue.find(value as string) ?? invalid('is not an evidence type of the catalogue')),
    purpose: text(PURPOSE_RULE),
    legalBasis: text(LEGAL_BASIS_RULE),
    allowedFields: fieldRule((value): string[] => (Array.isArray(value) ? (value as string[]) : [])),
    validFrom: timestamp,
    validTo: grantEnd,
    requiresExplicitRequest: flag,
    requiredRelation: fieldRule<RelationKind | null>((value) => {
      const kind = relationFromMessage(value);
      return kind === undefined ? invalid('is not a relation the hub can check') : kind;
    }),
  };
  return refineRequest(message(shape), (grant, report) => {
    const hasOin = grant.requesterOin !== undefined && grant.requesterOin !== null;
    const hasRole = grant.requesterRole !== undefined && grant.requesterRole !== null;
    if (hasOin === hasRole) {
      report(['requester'], 'must name exactly one of requester_oin and requester_role');
    } else if (hasOin) {
      if (!requesterOin.safeParse(grant.requesterOin).success) report(['requesterOin'], 'must be an OIN: 20 digits');
    } else if (!KNOWN_ROLES.includes(grant.requesterRole as string)) {
      report(['requesterRole'], 'must be a party role other than UNSPECIFIED');
    }
    const allowedFields = grant.allowedFields ?? [];
    const entry = grant.evidenceType;
    if (allowedFields.length === 0) report(['allowedFields'], 'must name at least one field');
    if (allowedFields.length > MAX_ALLOWED_FIELDS) {
      report(['allowedFields'], `must name at most ${MAX_ALLOWED_FIELDS} fields`);
    } else if (entry) {
      allowedFields.forEach((name, index) => {
        const field = entry.fields.find((candidate) => candidate.protoName === name);
        if (!field) report(['allowedFields', index], `is not a field of ${entry.binding.messageName}`);
        else if (!field.shareable) report(['allowedFields', index], 'is a field the catalogue does not let anyone share');
      });
      if (new Set(allowedFields).size !== allowedFields.length) report(['allowedFields'], 'must not repeat a field');
    }
    const { validFrom, validTo } = grant;
    if (validTo instanceof Date && validFrom instanceof Date) {
      if (validTo.getTime() <= validFrom.getTime()) report(['validTo'], 'must be after valid_from');
      else if (validTo.getTime() - validFrom.getTime() > MAX_GRANT_MS) report(['validTo'], 'must be at most 10 years after valid_from');
    }
  });
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
  const idFromSeed = options.idFromSeed === true;
  const { grant } = parseRequest(z.object({ grant: grantSchema(catalogue, idFromSeed) }), request);
  return {
    id: idFromSeed ? grant.grantId : undefined,
    requesterOin: grant.requesterOin === undefined || grant.requesterOin === null ? null : (grant.requesterOin as string),
    requesterRole: grant.requesterRole === undefined || grant.requesterRole === null ? null : (grant.requesterRole as PartyRole),
    requesterSubUnit: grant.requesterSubUnit,
    evidenceType: grant.evidenceType.type,
    purpose: grant.purpose,
    legalBasis: grant.legalBasis,
    allowedFields: [...grant.allowedFields],
    validFrom: grant.validFrom,
    validTo: grant.validTo as Date,
    requiresExplicitRequest: grant.requiresExplicitRequest,
    requiredRelation: grant.requiredRelation ?? null,
  };
}

const endGrantSchema = z.object({ grantId: uuid(), reason: text(REASON_RULE) });
const approveGrantSchema = z.object({ grantId: uuid() });

export function approveGrantCommand(request: ApproveGrantRequest): ApproveGrantCommand {
  return parseRequest(approveGrantSchema, request);
}

export function endGrantCommand(request: EndGrantRequest): EndGrantCommand {
  return parseRequest(endGrantSchema, request);
}

/** A refusal for a request whose problem only the service can see (e.g. a party the registry does not know). */
export function invalidRequest(violations: FieldViolation[]): HubError {
  const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
  return new HubError('INVALID_REQUEST', `Invalid request: ${summary}`, { fieldViolations: violations });
}
