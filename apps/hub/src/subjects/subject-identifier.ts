import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { FieldViolation } from '@welkom/errors';
import { checkRequest, type SubjectId, subjectIdentifier as subjectIdentifierRule } from '@welkom/validation';

export type { SubjectId };

export interface ParsedSubject {
  subject?: SubjectId;
  violations: FieldViolation[];
}

/** The identifier a hub request names its subject by: any of the shared kinds, organisations included. */
export const subjectIdentifier = subjectIdentifierRule();

/** The identifier checked on its own, with violations at `field` (e.g. `evidence.subject`). */
export function parseSubjectIdentifier(input: SubjectIdentifier | null | undefined, field: string): ParsedSubject {
  const checked = checkRequest(subjectIdentifier, input ?? null, { at: field });
  return checked.ok ? { subject: checked.value, violations: [] } : { violations: checked.violations };
}

/**
 * The text the pseudonym is computed from: kind-prefixed, so a V-number and a BSN with the same digits
 * never share a pseudonym, and normalised (upper case), so one person gets one pseudonym.
 */
export function canonicalSubjectText(subject: Exclude<SubjectId, { kind: 'pseudonym' }>): string {
  switch (subject.kind) {
    case 'bsn':
      return `bsn:${subject.value}`;
    case 'v-number':
      return `v-number:${subject.value}`;
    case 'passport':
      return `passport:${subject.issuingCountry}:${subject.number}`;
    case 'kvk':
      return `kvk:${subject.value}`;
  }
}

/** The identifier as a protobuf SubjectIdentifier again (for a source that must find the person). */
export function toSubjectIdentifierMessage(subject: SubjectId): SubjectIdentifier {
  switch (subject.kind) {
    case 'bsn':
      return { bsn: subject.value };
    case 'v-number':
      return { vNumber: subject.value };
    case 'passport':
      return { passport: { number: subject.number, issuingCountry: subject.issuingCountry } };
    case 'kvk':
      return { kvkNumber: subject.value };
    case 'pseudonym':
      return { pseudonym: subject.value };
  }
}
