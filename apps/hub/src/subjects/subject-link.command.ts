import type {
  LinkSubjectIdentifiersRequest,
  UnlinkSubjectIdentifiersRequest,
} from '@welkom/contracts/generated/welkom/hub/v1/subject_link';
import type { FieldViolation } from '@welkom/errors';
import { checkRequest, text } from '@welkom/validation';
import { z } from 'zod';
import { invalidRequest, REASON_RULE } from '../grants/grant.command';
import { parseSubjectIdentifier, type SubjectId } from './subject-identifier';
import { isLinkable, type LinkableKind } from './subject-link';

type PersonSubject = Exclude<SubjectId, { kind: 'kvk' }>;
type LinkableIdentifier = Extract<SubjectId, { kind: LinkableKind }>;

export interface LinkIdentifiersCommand {
  /** The person as the hub knows them already (an identifier or a pseudonym). */
  subject: PersonSubject;
  /** The identifier the caller, as its authority, adds. */
  identifier: LinkableIdentifier;
  caseReference: string;
}

export interface UnlinkIdentifierCommand {
  identifier: LinkableIdentifier;
  reason: string;
}

const CASE_REFERENCE_RULE = {
  required: true,
  maxChars: 64,
  pattern: /^[\x21-\x7e]{1,64}$/,
  patternDescription: 'must be 1-64 printable characters without spaces',
};

function identifierAt(input: LinkSubjectIdentifiersRequest['identifier'], field: string, violations: FieldViolation[]) {
  const parsed = parseSubjectIdentifier(input, field);
  violations.push(...parsed.violations);
  if (parsed.subject && !isLinkable(parsed.subject)) {
    violations.push({ field, description: 'must be a BSN, V-number or passport: the identifier a link adds' });
    return undefined;
  }
  return parsed.subject;
}

/** Checks a link request; every problem is a field violation (INVALID_ARGUMENT). */
export function linkIdentifiersCommand(request: LinkSubjectIdentifiersRequest): LinkIdentifiersCommand {
  const violations: FieldViolation[] = [];
  const known = parseSubjectIdentifier(request.subject, 'subject');
  violations.push(...known.violations);
  if (known.subject?.kind === 'kvk') violations.push({ field: 'subject', description: 'names an organisation; a link is about a person' });
  const identifier = identifierAt(request.identifier, 'identifier', violations);
  const rest = checkRequest(z.object({ caseReference: text(CASE_REFERENCE_RULE) }), request);
  if (!rest.ok) violations.push(...rest.violations);
  if (violations.length > 0 || !known.subject || !identifier || !rest.ok) throw invalidRequest(violations);
  return { subject: known.subject as PersonSubject, identifier, caseReference: rest.value.caseReference };
}

export function unlinkIdentifierCommand(request: UnlinkSubjectIdentifiersRequest): UnlinkIdentifierCommand {
  const violations: FieldViolation[] = [];
  const identifier = identifierAt(request.identifier, 'identifier', violations);
  const rest = checkRequest(z.object({ reason: text(REASON_RULE) }), request);
  if (!rest.ok) violations.push(...rest.violations);
  if (violations.length > 0 || !identifier || !rest.ok) throw invalidRequest(violations);
  return { identifier, reason: rest.value.reason };
}
