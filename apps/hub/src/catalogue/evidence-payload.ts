import { createHash } from 'node:crypto';
import type { EvidencePayload } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { FieldViolation } from '@welkom/errors';
import { isIsoDate } from '@welkom/platform';
import { CONTROL_CHARACTERS } from '@welkom/validation';
import type { EvidenceCatalogueEntry, PayloadField } from './evidence-catalogue';
import { PAYLOAD_MEMBERS, type PayloadFields } from './evidence-payload.bindings';

/** The canonical payload of one piece of evidence is at most this big: facts, not documents. */
export const MAX_PAYLOAD_BYTES = 4_096;
/** Any one text field of a payload. */
export const MAX_PAYLOAD_TEXT_CHARS = 1_024;
const MAX_REPEATED_ITEMS = 16;
/** A count field (e.g. months of a programme) is a small whole number. */
export const MAX_PAYLOAD_COUNT = 10_000;

export interface CheckedPayload {
  /** The payload message with exactly the catalogue's fields, nothing else. */
  readonly fields: PayloadFields;
  /**
   * The protobuf encoding of `fields` by the generated ts-proto encoder. For these messages (proto3, scalar
   * and enum fields in field-number order, no maps, defaults omitted) the encoding is deterministic: the same
   * facts give the same bytes whoever sent them and however they were framed. This is what is stored and
   * hashed.
   */
  readonly canonical: Uint8Array;
  /** SHA-256 of `canonical`, lower-case hex. */
  readonly sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function snakeCase(jsName: string): string {
  return jsName.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Whether the generated encoder knows this enum value (it throws on names outside the enum). */
function encodesAsEnum(entry: EvidenceCatalogueEntry, field: PayloadField, value: string): boolean {
  try {
    entry.binding.codec.encode({
      ...entry.binding.codec.decode(new Uint8Array(0)),
      [field.jsName]: field.kind === 'enum' ? value : [value],
    });
    return true;
  } catch {
    return false;
  }
}

function checkText(field: PayloadField, value: unknown, path: string, violations: FieldViolation[]): void {
  if (typeof value !== 'string') {
    violations.push({ field: path, description: 'must be text' });
  } else if (value.length > MAX_PAYLOAD_TEXT_CHARS) {
    violations.push({ field: path, description: `must be at most ${MAX_PAYLOAD_TEXT_CHARS} characters` });
  } else if (CONTROL_CHARACTERS.test(value)) {
    violations.push({ field: path, description: 'must not contain control characters' });
  } else if (field.required && value.trim() === '') {
    violations.push({ field: path, description: 'is required' });
  } else if (field.isDate && value !== '' && !isIsoDate(value)) {
    violations.push({ field: path, description: 'must be a calendar date written YYYY-MM-DD' });
  }
}

function checkEnum(entry: EvidenceCatalogueEntry, field: PayloadField, value: unknown, path: string, violations: FieldViolation[]): void {
  // proto-loader hands over an enum number it does not know as a number: outside the contract.
  if (typeof value !== 'string' || !encodesAsEnum(entry, field, value)) {
    violations.push({ field: path, description: 'is not a value of its enum' });
  } else if (field.required && value.endsWith('_UNSPECIFIED')) {
    violations.push({ field: path, description: 'is required' });
  }
}

function checkRepeatedEnum(
  entry: EvidenceCatalogueEntry,
  field: PayloadField,
  value: unknown,
  path: string,
  violations: FieldViolation[],
): void {
  if (!Array.isArray(value)) {
    violations.push({ field: path, description: 'must be a list' });
    return;
  }
  if (value.length > MAX_REPEATED_ITEMS) {
    violations.push({ field: path, description: `must have at most ${MAX_REPEATED_ITEMS} items` });
    return;
  }
  if (field.required && value.length === 0) violations.push({ field: path, description: 'is required' });
  value.forEach((item: unknown, index) => {
    if (typeof item !== 'string' || !encodesAsEnum(entry, field, item) || item.endsWith('_UNSPECIFIED')) {
      violations.push({ field: `${path}[${index}]`, description: 'is not a value of its enum' });
    }
  });
  if (new Set(value).size !== value.length) violations.push({ field: path, description: 'must not repeat a value' });
}

/**
 * Checks that the payload holds the message of the evidence type and that every field follows the
 * catalogue (required, dates, enums, lengths), then builds the canonical encoding. Works on the ts-proto
 * shape and on proto-loader's (which adds a virtual `payload` discriminator, ignored here).
 */
export function checkPayload(
  entry: EvidenceCatalogueEntry,
  payload: EvidencePayload | null | undefined,
  path: string,
): { payload?: CheckedPayload; violations: FieldViolation[] } {
  const expected = entry.binding.member;
  const present = PAYLOAD_MEMBERS.filter((member) => payload?.[member] !== undefined && payload?.[member] !== null);
  if (present.length === 0) {
    return { violations: [{ field: path, description: `is required: ${snakeCase(expected)} for ${entry.type}` }] };
  }
  if (present.length > 1 || present[0] !== expected) {
    return { violations: [{ field: path, description: `must hold ${snakeCase(expected)} for ${entry.type}` }] };
  }
  const message = payload?.[expected] as unknown;
  const messagePath = `${path}.${snakeCase(expected)}`;
  if (typeof message !== 'object' || message === null) {
    return { violations: [{ field: messagePath, description: `must be a ${entry.binding.messageName}` }] };
  }
  const input = message as PayloadFields;
  const defaults = entry.binding.codec.decode(new Uint8Array(0));
  const violations: FieldViolation[] = [];
  const fields: PayloadFields = {};
  for (const field of entry.fields) {
    // An absent field is its default value, as on the wire.
    const value = input[field.jsName] ?? defaults[field.jsName];
    const fieldPath = `${messagePath}.${field.protoName}`;
    switch (field.kind) {
      case 'string':
        checkText(field, value, fieldPath, violations);
        break;
      case 'bool':
        if (typeof value !== 'boolean') violations.push({ field: fieldPath, description: 'must be true or false' });
        break;
      case 'enum':
        checkEnum(entry, field, value, fieldPath, violations);
        break;
      case 'repeated-enum':
        checkRepeatedEnum(entry, field, value, fieldPath, violations);
        break;
      case 'count':
        if (typeof value !== 'number' || !Number.isInteger(value) || value < 0 || value > MAX_PAYLOAD_COUNT)
          violations.push({ field: fieldPath, description: `must be a whole number from 0 to ${MAX_PAYLOAD_COUNT}` });
        else if (field.required && value === 0) violations.push({ field: fieldPath, description: 'is required' });
        break;
    }
    fields[field.jsName] = value;
  }
  if (violations.length > 0) return { violations };
  const clean = { ...defaults, ...fields };
  const canonical = entry.binding.codec.encode(clean).finish();
  if (canonical.byteLength > MAX_PAYLOAD_BYTES) {
    return { violations: [{ field: path, description: `is ${canonical.byteLength} bytes encoded; at most ${MAX_PAYLOAD_BYTES}` }] };
  }
  return { payload: { fields: clean, canonical, sha256: sha256Hex(canonical) }, violations: [] };
}

export interface Disclosure {
  readonly payload: EvidencePayload;
  /** Protobuf names of the fields that carry real values, in message order. */
  readonly disclosedFields: string[];
  /**
   * SHA-256 (hex) of the canonical encoding of the disclosed message only: the requester can recompute it from
   * what it received, and it covers no withheld field (issue 11, leak 3).
   */
  readonly viewSha256: string;
}

/**
 * Data minimisation at the answer: decodes the stored canonical payload and copies only the fields that
 * both the catalogue lets anyone share and the requester's grant allows. Everything else keeps its default
 * value, so it is not even on the wire.
 */
export function disclosePayload(entry: EvidenceCatalogueEntry, canonical: Uint8Array, allowedFields: readonly string[]): Disclosure {
  const stored = entry.binding.codec.decode(canonical);
  const disclosed = entry.binding.codec.decode(new Uint8Array(0));
  const disclosedFields: string[] = [];
  for (const field of entry.fields) {
    if (!field.shareable || !allowedFields.includes(field.protoName)) continue;
    disclosed[field.jsName] = stored[field.jsName];
    disclosedFields.push(field.protoName);
  }
  return {
    payload: { [entry.binding.member]: disclosed },
    disclosedFields,
    viewSha256: sha256Hex(entry.binding.codec.encode(disclosed).finish()),
  };
}
