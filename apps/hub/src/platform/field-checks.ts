import type { FieldViolation } from '@welkom/errors';

// C0 and C1 control characters and DEL: never part of a value we store, often part of an attack on a log.
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/;
const UUID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export interface TextRule {
  required: boolean;
  maxChars: number;
  pattern?: RegExp;
  /** Says what the pattern wants, for the field violation. */
  patternDescription?: string;
}

/**
 * Checks one text field of a request and records what is wrong with it. Values may arrive as anything a
 * client can encode (proto-loader gives numbers for unknown enum values, and so on), hence `unknown`.
 */
export function checkText(value: unknown, field: string, rule: TextRule, violations: FieldViolation[]): string {
  if (value === undefined || value === null || value === '') {
    if (rule.required) violations.push({ field, description: 'is required' });
    return '';
  }
  if (typeof value !== 'string') {
    violations.push({ field, description: 'must be text' });
    return '';
  }
  if (value.length > rule.maxChars) {
    violations.push({ field, description: `must be at most ${rule.maxChars} characters` });
  } else if (CONTROL_CHARACTERS.test(value)) {
    violations.push({ field, description: 'must not contain control characters' });
  } else if (value.trim() !== value) {
    violations.push({ field, description: 'must not start or end with white space' });
  } else if (rule.pattern && !rule.pattern.test(value)) {
    violations.push({ field, description: rule.patternDescription ?? `must match ${rule.pattern.source}` });
  } else {
    return value;
  }
  return '';
}

export function checkUuid(value: unknown, field: string, violations: FieldViolation[], required = true): string {
  return checkText(value, field, { required, maxChars: 36, pattern: UUID_PATTERN, patternDescription: 'must be a UUID in lower case' }, violations);
}
