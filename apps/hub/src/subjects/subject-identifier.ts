import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { FieldViolation } from '@welkom/errors';
import {
  checkRequest,
  COUNTRY_CODE_PATTERN,
  fieldRule,
  type Invalid,
  invalid,
  invalidAll,
  isValidBsn,
  KVK_NUMBER_PATTERN,
  PASSPORT_NUMBER_PATTERN,
  PSEUDONYM_PATTERN,
  V_NUMBER_PATTERN,
} from '@welkom/validation';

/** A checked subject identifier, as the caller named the person (or organisation). */
export type SubjectId =
  | { kind: 'bsn'; value: string }
  | { kind: 'v-number'; value: string }
  | { kind: 'passport'; number: string; issuingCountry: string }
  | { kind: 'kvk'; value: string }
  | { kind: 'pseudonym'; value: string };

export { isValidBsn, PSEUDONYM_PATTERN };

export interface ParsedSubject {
  subject?: SubjectId;
  violations: FieldViolation[];
}

/**
 * The one identifier a SubjectIdentifier must hold, as a field rule. Works on both shapes the hub receives: the
 * ts-proto message (Kafka) and proto-loader's object with a virtual `identifier` oneof field (gRPC).
 */
export const subjectIdentifier = fieldRule((value): SubjectId | Invalid => {
  const input = value as SubjectIdentifier | null | undefined;
  const present = (['bsn', 'vNumber', 'passport', 'kvkNumber', 'pseudonym'] as const).filter(
    (member) => input?.[member] !== undefined && input?.[member] !== null,
  );
  if (!input || present.length === 0) return invalid('is required: one of bsn, v_number, passport, kvk_number, pseudonym');
  if (present.length > 1) return invalid('must hold exactly one identifier');
  switch (present[0]) {
    case 'bsn': {
      const value = String(input.bsn);
      return isValidBsn(value) ? { kind: 'bsn', value } : invalid('is not a BSN (9 digits passing the 11-check)', ['bsn']);
    }
    case 'vNumber': {
      const value = String(input.vNumber);
      return V_NUMBER_PATTERN.test(value) ? { kind: 'v-number', value: value.toUpperCase() } : invalid('must be 1-20 letters or digits', ['v_number']);
    }
    case 'passport': {
      const number = String(input.passport?.number ?? '');
      const issuingCountry = String(input.passport?.issuingCountry ?? '');
      const violations = [
        ...(PASSPORT_NUMBER_PATTERN.test(number) ? [] : [{ path: ['passport', 'number'], description: 'must be 1-9 letters or digits' }]),
        ...(COUNTRY_CODE_PATTERN.test(issuingCountry)
          ? []
          : [{ path: ['passport', 'issuing_country'], description: 'must be an ISO 3166-1 alpha-2 code, e.g. KE' }]),
      ];
      return violations.length > 0 ? invalidAll(violations) : { kind: 'passport', number: number.toUpperCase(), issuingCountry };
    }
    case 'kvkNumber': {
      const value = String(input.kvkNumber);
      return KVK_NUMBER_PATTERN.test(value) ? { kind: 'kvk', value } : invalid('must be 8 digits', ['kvk_number']);
    }
    case 'pseudonym': {
      const value = String(input.pseudonym);
      return PSEUDONYM_PATTERN.test(value)
        ? { kind: 'pseudonym', value }
        : invalid('must be "subj_" followed by 52 base32 characters, as the hub issues them', ['pseudonym']);
    }
  }
});

/** The identifier checked on its own, with violations at `field` (e.g. `evidence.subject`). */
export function parseSubjectIdentifier(input: SubjectIdentifier | null | undefined, field: string): ParsedSubject {
  const checked = checkRequest(subjectIdentifier, input ?? null, field);
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
