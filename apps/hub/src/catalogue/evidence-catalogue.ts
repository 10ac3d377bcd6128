import { readFileSync } from 'node:fs';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import {
  type IssuableEvidenceType,
  isIssuableEvidenceType,
  PAYLOAD_BINDINGS,
  type PayloadBinding,
  type PayloadFields,
} from './evidence-payload.bindings';

/** How a payload field is checked, read from the generated message's default value. */
export type PayloadFieldKind = 'string' | 'bool' | 'enum' | 'repeated-enum';

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

interface CatalogueFile {
  catalogueVersion: string;
  evidenceTypes: {
    type: string;
    description: string;
    schemaVersion: number;
    payloadMessage: string;
    sourceRoles: string[];
    requiresRecognisedSponsor: boolean;
    validity: { defaultDays: number; maxDays: number };
    requiredFields: string[];
    dateFields: string[];
    shareableFields: string[];
    requestDeadline: { defaultHours: number; maxHours: number };
  }[];
}

export function camelCase(protoName: string): string {
  return protoName.replace(/_([a-z0-9])/g, (_match, letter: string) => letter.toUpperCase());
}

function fieldKind(defaultValue: unknown): PayloadFieldKind | undefined {
  if (typeof defaultValue === 'boolean') return 'bool';
  if (Array.isArray(defaultValue)) return 'repeated-enum';
  if (typeof defaultValue === 'string') return defaultValue.endsWith('_UNSPECIFIED') ? 'enum' : 'string';
  return undefined;
}

const KNOWN_ROLES = new Set<string>(Object.values(PartyRole));

/**
 * Reads and checks the catalogue file. Every mistake a reviewer could miss (a field that does not exist in
 * the message, a type bound to the wrong message, a required bool) stops start-up with its position.
 */
export function readEvidenceCatalogue(path: string): EvidenceCatalogue {
  const file = JSON.parse(readFileSync(path, 'utf8')) as CatalogueFile;
  const problems: string[] = [];
  const entries: EvidenceCatalogueEntry[] = [];
  file.evidenceTypes.forEach((raw, index) => {
    const at = `${path}: evidenceTypes[${index}] (${raw.type})`;
    const type = `EVIDENCE_TYPE_${raw.type}`;
    if (!isIssuableEvidenceType(type)) {
      problems.push(`${at}: unknown evidence type`);
      return;
    }
    const binding = PAYLOAD_BINDINGS[type];
    if (raw.payloadMessage !== binding.messageName) {
      problems.push(`${at}: payloadMessage ${raw.payloadMessage}, but the contract binds ${binding.messageName}`);
    }
    const defaults = binding.codec.decode(new Uint8Array(0)) as PayloadFields;
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
    if (roles.length === 0) problems.push(`${at}: needs at least one source role`);
    const { defaultDays, maxDays } = raw.validity;
    if (!(Number.isInteger(defaultDays) && Number.isInteger(maxDays) && defaultDays > 0 && defaultDays <= maxDays)) {
      problems.push(`${at}: validity needs whole days with 0 < defaultDays <= maxDays`);
    }
    const { defaultHours, maxHours } = raw.requestDeadline;
    if (!(Number.isInteger(defaultHours) && Number.isInteger(maxHours) && defaultHours > 0 && defaultHours <= maxHours)) {
      problems.push(`${at}: requestDeadline needs whole hours with 0 < defaultHours <= maxHours`);
    }
    if (!Number.isInteger(raw.schemaVersion) || raw.schemaVersion < 1) problems.push(`${at}: schemaVersion must be >= 1`);
    entries.push({
      type,
      description: raw.description,
      schemaVersion: raw.schemaVersion,
      binding,
      fields,
      sourceRoles: roles as PartyRole[],
      requiresRecognisedSponsor: raw.requiresRecognisedSponsor === true,
      validity: { defaultDays, maxDays },
      requestDeadline: { defaultHours, maxHours },
    });
  });
  const listed = new Set(entries.map((entry) => entry.type));
  for (const type of Object.keys(PAYLOAD_BINDINGS)) {
    if (!listed.has(type as IssuableEvidenceType)) problems.push(`${path}: no entry for ${type}`);
  }
  if (listed.size !== entries.length) problems.push(`${path}: an evidence type is listed twice`);
  if (problems.length > 0) throw new Error(`Invalid evidence catalogue:\n  ${problems.join('\n  ')}`);
  return new EvidenceCatalogue(file.catalogueVersion, entries);
}
