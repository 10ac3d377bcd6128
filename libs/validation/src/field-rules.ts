import { z } from 'zod';
import { isIsoDate } from '@welkom/platform/calendar-date';
import { fieldRule, type Invalid, invalid } from './field-rule';

// C0 and C1 control characters and DEL: never part of a value we store, often part of an attack on a log.
// eslint-disable-next-line no-control-regex -- matching control characters is the point: this pattern rejects them.
export const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
export const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
export const COUNTRY_CODE_PATTERN = /^[A-Z]{2}$/;
// OIN (Organisatie-identificatienummer, Logius): 20 digits.
export const OIN_PATTERN = /^[0-9]{20}$/;

export function isOin(value: string): boolean {
  return OIN_PATTERN.test(value);
}
/**
 * An operator's personal identifier (issue 12), as the certificate's UID and the operator register write it: a
 * staff code of lower-case letters, digits, '.' and '-', not a name.
 */
export const OPERATOR_ID_PATTERN = /^[a-z0-9][a-z0-9.-]{0,62}$/;
export const V_NUMBER_PATTERN = /^[0-9A-Za-z]{1,20}$/;
export const PASSPORT_NUMBER_PATTERN = /^[0-9A-Za-z]{1,9}$/;
export const KVK_NUMBER_PATTERN = /^[0-9]{8}$/;
/**
 * "subj_" + base32 (RFC 4648, lower case, no padding) of a 32-byte HMAC: 52 characters, of which the last
 * carries one bit and four zero bits, so it can only be "a" or "q".
 */
export const PSEUDONYM_PATTERN = /^subj_[a-z2-7]{51}[aq]$/;

/** A value a client left out: proto3 cannot tell unset text from '', and proto-loader gives null for unset members. */
export function isAbsent(value: unknown): value is undefined | null | '' {
  return value === undefined || value === null || value === '';
}

/** A reference a party chose for something of its own: `maxChars` letters, digits or . _ : / -, starting with a letter or digit. */
export function referenceIdPattern(maxChars: number): RegExp {
  return new RegExp(`^[A-Za-z0-9][A-Za-z0-9._:/-]{0,${maxChars - 1}}$`);
}

export function referenceIdDescription(maxChars: number): string {
  return `must be 1-${maxChars} letters, digits or . _ : / - (starting with a letter or digit)`;
}

/** BSN (burgerservicenummer): 9 digits with 9·d1 + 8·d2 + … + 2·d8 − d9 ≡ 0 (mod 11), DOMAIN.md §6. */
export function isValidBsn(value: string): boolean {
  if (!/^[0-9]{9}$/.test(value) || value === '000000000') return false;
  let sum = 0;
  for (let i = 0; i < 8; i += 1) sum += (9 - i) * Number(value[i]);
  sum -= Number(value[8]);
  return sum % 11 === 0;
}

export interface TextRule {
  /** true unless said otherwise; an absent optional text is ''. */
  required?: boolean;
  maxChars: number;
  pattern?: RegExp;
  /** Says what the pattern wants, for the field violation. */
  patternDescription?: string;
}

/**
 * Plain text a person typed (a legal basis, a reason): no control characters, no surrounding white space, at
 * most `maxChars`. Values may arrive as anything a client can encode (proto-loader gives numbers for unknown
 * enum values, and so on), hence `unknown`. One violation per field: the first problem found.
 */
export function checkText(value: unknown, rule: TextRule): string | Invalid {
  if (isAbsent(value)) return rule.required === false ? '' : invalid('is required');
  if (typeof value !== 'string') return invalid('must be text');
  if (value.length > rule.maxChars) return invalid(`must be at most ${rule.maxChars} characters`);
  if (CONTROL_CHARACTERS.test(value)) return invalid('must not contain control characters');
  if (value.trim() !== value) return invalid('must not start or end with white space');
  if (rule.pattern && !rule.pattern.test(value)) return invalid(rule.patternDescription ?? `must match ${rule.pattern.source}`);
  return value;
}

export function text(rule: TextRule): z.ZodType<string, unknown> {
  return fieldRule((value) => checkText(value, rule));
}

interface FormatRule {
  required?: boolean;
  /** The violation's description, when the field's own words say more than the default. */
  description?: string;
}

/**
 * An identifier or code of a fixed format. The format excludes white space and control characters already,
 * so the one description says what is wanted. Absent: 'is required', or '' when optional.
 */
function format(test: (value: string) => boolean, defaultDescription: string, rule: FormatRule = {}): z.ZodType<string, unknown> {
  return fieldRule((value) => {
    if (isAbsent(value)) return rule.required === false ? '' : invalid('is required');
    if (typeof value !== 'string') return invalid('must be text');
    return test(value) ? value : invalid(rule.description ?? defaultDescription);
  });
}

export function uuid(rule?: FormatRule): z.ZodType<string, unknown> {
  return format((value) => UUID_PATTERN.test(value), 'must be a UUID in lower case', rule);
}

export function referenceId(maxChars: number, rule?: FormatRule): z.ZodType<string, unknown> {
  const pattern = referenceIdPattern(maxChars);
  return format((value) => pattern.test(value), referenceIdDescription(maxChars), rule);
}

export function isoDate(rule?: FormatRule): z.ZodType<string, unknown> {
  return format(isIsoDate, 'must be an ISO date YYYY-MM-DD', rule);
}

/** ISO 3166-1 alpha-2 by format (two capitals); whether the code is assigned is reference data, not a request rule. */
export function countryCode(rule?: FormatRule): z.ZodType<string, unknown> {
  return format((value) => COUNTRY_CODE_PATTERN.test(value), 'must be an ISO 3166-1 alpha-2 code, e.g. KE', rule);
}

export function bsn(rule?: FormatRule): z.ZodType<string, unknown> {
  return format(isValidBsn, 'is not a BSN (9 digits passing the 11-check)', rule);
}

/** An OIN (Organisatie-identificatienummer) is exactly 20 digits. */
export function oin(rule?: FormatRule): z.ZodType<string, unknown> {
  return format((value) => OIN_PATTERN.test(value), 'must be an OIN: 20 digits', rule);
}

export const MAX_PAGE_SIZE = 500;
export const DEFAULT_PAGE_SIZE = 100;

/** A list call's page size: 0 (or unset) for the default, at most the maximum. */
export function pageSize(): z.ZodType<number, unknown> {
  return fieldRule((value) => {
    const size = value ?? 0;
    if (typeof size !== 'number' || !Number.isInteger(size) || size < 0 || size > MAX_PAGE_SIZE) {
      return invalid(`must be between 1 and ${MAX_PAGE_SIZE} (0 for ${DEFAULT_PAGE_SIZE})`);
    }
    return size === 0 ? DEFAULT_PAGE_SIZE : size;
  });
}

/** One of a closed set of values (an enum of the contract); proto-loader gives a number for a value it does not know. */
export function oneOf<T extends string>(values: readonly T[], description: string): z.ZodType<T, unknown> {
  return fieldRule((value) => ((values as readonly unknown[]).includes(value) ? (value as T) : invalid(description)));
}
