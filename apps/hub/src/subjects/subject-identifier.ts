import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { FieldViolation } from '@welkom/errors';

/** A checked subject identifier, as the caller named the person (or organisation). */
export type SubjectId =
  | { kind: 'bsn'; value: string }
  | { kind: 'v-number'; value: string }
  | { kind: 'passport'; number: string; issuingCountry: string }
  | { kind: 'kvk'; value: string }
  | { kind: 'pseudonym'; value: string };

/**
 * "subj_" + base32 (RFC 4648, lower case, no padding) of a 32-byte HMAC: 52 characters, of which the last
 * carries one bit and four zero bits, so it can only be "a" or "q".
 */
export const PSEUDONYM_PATTERN = /^subj_[a-z2-7]{51}[aq]$/;
const V_NUMBER_PATTERN = /^[0-9A-Za-z]{1,20}$/;
const PASSPORT_NUMBER_PATTERN = /^[0-9A-Za-z]{1,9}$/;
const COUNTRY_PATTERN = /^[A-Z]{2}$/;
const KVK_PATTERN = /^[0-9]{8}$/;

/** BSN (burgerservicenummer): 9 digits with 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11), DOMAIN.md §6. */
export function isValidBsn(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value) || value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += (9 - i) * Number(value[i]);
  sum -= Number(value[8]);
  return sum % 11 === 0;
}

export interface ParsedSubject {
  subject?: SubjectId;
  violations: FieldViolation[];
}

/**
 * Checks the one identifier a SubjectIdentifier must hold. Works on both shapes the hub receives: the
 * ts-proto message (Kafka) and proto-loader's object with a virtual `identifier` oneof field (gRPC).
 */
export function parseSubjectIdentifier(input: SubjectIdentifier | null | undefined, field: string): ParsedSubject {
  const present = (['bsn', 'vNumber', 'passport', 'kvkNumber', 'pseudonym'] as const).filter(
    (member) => input?.[member] !== undefined && input?.[member] !== null,
  );
  if (!input || present.length === 0) {
    return { violations: [{ field, description: 'is required: one of bsn, v_number, passport, kvk_number, pseudonym' }] };
  }
  if (present.length > 1) return { violations: [{ field, description: 'must hold exactly one identifier' }] };
  const violation = (path: string, description: string): ParsedSubject => ({
    violations: [{ field: `${field}.${path}`, description }],
  });
  switch (present[0]) {
    case 'bsn': {
      const value = String(input.bsn);
      return isValidBsn(value) ? { subject: { kind: 'bsn', value }, violations: [] } : violation('bsn', 'is not a BSN (9 digits passing the 11-check)');
    }
    case 'vNumber': {
      const value = String(input.vNumber);
      return V_NUMBER_PATTERN.test(value)
        ? { subject: { kind: 'v-number', value: value.toUpperCase() }, violations: [] }
        : violation('v_number', 'must be 1-20 letters or digits');
    }
    case 'passport': {
      const number = String(input.passport?.number ?? '');
      const issuingCountry = String(input.passport?.issuingCountry ?? '');
      const violations: FieldViolation[] = [];
      if (!PASSPORT_NUMBER_PATTERN.test(number)) {
        violations.push({ field: `${field}.passport.number`, description: 'must be 1-9 letters or digits' });
      }
      if (!COUNTRY_PATTERN.test(issuingCountry)) {
        violations.push({ field: `${field}.passport.issuing_country`, description: 'must be an ISO 3166-1 alpha-2 code, e.g. KE' });
      }
      return violations.length > 0
        ? { violations }
        : { subject: { kind: 'passport', number: number.toUpperCase(), issuingCountry }, violations: [] };
    }
    case 'kvkNumber': {
      const value = String(input.kvkNumber);
      return KVK_PATTERN.test(value) ? { subject: { kind: 'kvk', value }, violations: [] } : violation('kvk_number', 'must be 8 digits');
    }
    case 'pseudonym': {
      const value = String(input.pseudonym);
      return PSEUDONYM_PATTERN.test(value)
        ? { subject: { kind: 'pseudonym', value }, violations: [] }
        : violation('pseudonym', 'must be "subj_" followed by 52 base32 characters, as the hub issues them');
    }
  }
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
