import * as path from 'node:path';
import { z } from 'zod';
import { readReferenceFile, ReferenceDataError, referenceFileSchema, validityFields } from '@welkom/reference-data';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { type IssuableEvidenceType, isIssuableEvidenceType, PAYLOAD_BINDINGS, type PayloadBinding } from './evidence-payload.bindings';

/** How a payload field is checked, read from the generated message's default value. */
/** 'count': a non-negative int32 such as a programme's length in months; never an amount (those stay private). */
export type PayloadFieldKind = 'string' | 'bool' | 'enum' | 'repeated-enum' | 'count';

export interface PayloadField {
  /** Protobuf field name, as in the catalogue and in grants (`enrolment_status`). */
  readonly protoName: string;
  /** ts-proto / proto-loader property name (`enrolmentStatus`). */
  readonly jsName: string;
  readonly kind: PayloadFieldKind;
  readonly required: boolean;
  readonly isDate: boolean;
  readonly shareable: boolean;
}

export interface EvidenceCatalogueEntry {
  readonly type: IssuableEvidenceType;
  readonly description: string;
  readonly schemaVersion: number;
  readonly binding: PayloadBinding;
  readonly fields: readonly PayloadField[];
  readonly sourceRoles: readonly PartyRole[];
  /** Only a recognised sponsor (erkend referent) holding a source role may issue. */
  readonly requiresRecognisedSponsor: boolean;
  readonly validity: { readonly defaultDays: number; readonly maxDays: number };
  readonly requestDeadline: { readonly defaultHours: number; readonly maxHours: number };
}

/** The loaded catalogue: one entry per evidence type, and the fields of its payload message. */
export class EvidenceCatalogue {
  private readonly entries: ReadonlyMap<IssuableEvidenceType, EvidenceCatalogueEntry>;

  constructor(
    readonly version: string,
    entries: EvidenceCatalogueEntry[],
  ) {
    this.entries = new Map(entries.map((entry) => [entry.type, entry]));
  }

  /** The entry for a type, or undefined for a type the catalogue does not hold. */
  find(type: EvidenceType | string | number): EvidenceCatalogueEntry | undefined {
    return isIssuableEvidenceType(type) ? this.entries.get(type) : undefined;
  }

  all(): EvidenceCatalogueEntry[] {
    return [...this.entries.values()];
  }
}

const positiveWhole = z.number().int().positive();
const protoFieldNames = z.array(z.string().regex(/^[a-z][a-z0-9_]*$/, 'expected a protobuf field name (snake_case)'));

/** The catalogue file (deploy/hub/evidence-catalogue.v1.json); what zod cannot see is checked against the contract below. */
export const evidenceCatalogueFileSchema = referenceFileSchema({
  ...validityFields,
  evidenceTypes: z.array(
    z.object({
      type: z.string().min(1),
      description: z.string().min(1),
      schemaVersion: z.number().int().min(1, 'schemaVersion must be >= 1'),
      payloadMessage: z.string().min(1),
      sourceRoles: z.array(z.string().min(1)).min(1, 'needs at least one source role'),
      requiresRecognisedSponsor: z.boolean(),
      validity: z
        .object({ defaultDays: positiveWhole, maxDays: positiveWhole })
        .refine((v) => v.defaultDays <= v.maxDays, 'validity needs defaultDays <= maxDays'),
      requiredFields: protoFieldNames,
      dateFields: protoFieldNames,
      shareableFields: protoFieldNames,
      requestDeadline: z
        .object({ defaultHours: positiveWhole, maxHours: positiveWhole })
        .refine((v) => v.defaultHours <= v.maxHours, 'requestDeadline needs defaultHours <= maxHours'),
    }),
  ),
});

export function camelCase(protoName: string): string {
  return protoName.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function fieldKind(defaultValue: unknown): PayloadFieldKind | undefined {
  if (typeof defaultValue === 'boolean') return 'bool';
  if (typeof defaultValue === 'number') return 'count';
  if (Array.isArray(defaultValue)) return 'repeated-enum';
  if (typeof defaultValue === 'string') return defaultValue.endsWith('_UNSPECIFIED') ? 'enum' : 'string';
  return undefined;
}

const KNOWN_ROLES = new Set<string>(Object.values(PartyRole));

/**
 * Reads and checks the catalogue file through libs/reference-data (zod), then against the contract. Every
 * mistake a reviewer could miss (a field that does not exist in the message, a type bound to the wrong message,
 * a required bool) stops start-up naming the file, the entry and the field.
 */
export function readEvidenceCatalogue(filePath: string): EvidenceCatalogue {
  const file = readReferenceFile(evidenceCatalogueFileSchema, filePath);
  const name = path.basename(filePath);
  const problems: string[] = [];
  const entries: EvidenceCatalogueEntry[] = [];
  file.evidenceTypes.forEach((raw, index) => {
    const at = `${name}: evidenceTypes[${index}] (${raw.type})`;
    const type = `EVIDENCE_TYPE_${raw.type}`;
    if (!isIssuableEvidenceType(type)) {
      problems.push(`${at}: unknown evidence type`);
      return;
    }
    const binding = PAYLOAD_BINDINGS[type];
    if (raw.payloadMessage !== binding.messageName) {
      problems.push(`${at}: payloadMessage ${raw.payloadMessage}, but the contract binds ${binding.messageName}`);
    }
    const defaults = binding.codec.decode(new Uint8Array(0));
    const known = new Map(Object.keys(defaults).map((jsName) => [jsName, fieldKind(defaults[jsName])]));
    for (const name of [...raw.requiredFields, ...raw.dateFields, ...raw.shareableFields]) {
      if (!known.has(camelCase(name))) problems.push(`${at}: ${binding.messageName} has no field ${name}`);
    }
    const fields: PayloadField[] = [];
    for (const [jsName, kind] of known) {
      const protoName = jsName.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
      if (kind === undefined) {
        problems.push(`${at}: field ${protoName} has a type the catalogue cannot check`);
        continue;
      }
      const required = raw.requiredFields.includes(protoName);
      const isDate = raw.dateFields.includes(protoName);
      if (required && kind === 'bool') problems.push(`${at}: bool field ${protoName} cannot be required (false is an answer)`);
      if (isDate && kind !== 'string') problems.push(`${at}: date field ${protoName} is not a string field`);
      fields.push({ protoName, jsName, kind, required, isDate, shareable: raw.shareableFields.includes(protoName) });
    }
    const roles = raw.sourceRoles.map((role) => `PARTY_ROLE_${role}`);
    for (const role of roles) if (!KNOWN_ROLES.has(role)) problems.push(`${at}: unknown source role ${role}`);
    const { defaultDays, maxDays } = raw.validity;
    const { defaultHours, maxHours } = raw.requestDeadline;
    entries.push({
      type,
      description: raw.description,
      schemaVersion: raw.schemaVersion,
      binding,
      fields,
      sourceRoles: roles as PartyRole[],
      requiresRecognisedSponsor: raw.requiresRecognisedSponsor,
      validity: { defaultDays, maxDays },
      requestDeadline: { defaultHours, maxHours },
    });
  });
  const listed = new Set(entries.map((entry) => entry.type));
  for (const type of Object.keys(PAYLOAD_BINDINGS)) {
    if (!listed.has(type as IssuableEvidenceType)) problems.push(`${name}: evidenceTypes: no entry for ${type}`);
  }
  if (listed.size !== entries.length) problems.push(`${name}: evidenceTypes: an evidence type is listed twice`);
  if (problems.length > 0) throw new ReferenceDataError(name, problems);
  return new EvidenceCatalogue(file.version, entries);
}
