import { z } from 'zod';
import { DatedEntries, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import type { IsoDate } from '@welkom/platform';
import selfEmployedJson from '../../reference/self-employed.v1.json';

export const SELF_EMPLOYED_FILE = 'self-employed.v1.json';

/** The routes on which RVO does not score (DOMAIN.md §1.8), as the SELF_EMPLOYED_POINTS_ASSESSMENT names them. */
export const EXEMPTION_ROUTES = ['TURKISH_NATIONAL', 'EU_LONG_TERM_RESIDENT', 'DAFT', 'JAPAN_TREATY'] as const;
export type ExemptionRoute = (typeof EXEMPTION_ROUTES)[number];

export const SELF_EMPLOYED_REASON_CODES = [
  'POINTS_ASSESSMENT_MISSING',
  'POINTS_BELOW_THRESHOLD',
  'EXEMPTION_ROUTE_NOT_ACCEPTED',
  'EVIDENCE_FIELD_NOT_DISCLOSED',
] as const;
export type SelfEmployedReasonCode = (typeof SELF_EMPLOYED_REASON_CODES)[number];

const versionSchema = z.object({
  ...validityFields,
  permitMonths: z.number().int().min(1),
  renewable: z.boolean(),
  labourMarket: z.literal('OWN_BUSINESS'),
  acceptedExemptionRoutes: z.array(z.enum(EXEMPTION_ROUTES)),
  source: sourceSchema,
});

const selfEmployedSchema = referenceFileSchema({
  versions: z.array(versionSchema).min(1),
  reasonCodes: z.record(z.enum(SELF_EMPLOYED_REASON_CODES), z.string().min(10)),
});

export type SelfEmployedVersion = z.infer<typeof versionSchema>;

/** The IND's self-employed permit rules (DOMAIN.md §1.8), looked up by the day of receipt. */
export class SelfEmployedRules {
  constructor(
    readonly version: string,
    private readonly versions: DatedEntries<SelfEmployedVersion>,
  ) {}

  on(date: IsoDate): SelfEmployedVersion | undefined {
    return this.versions.on(date);
  }
}

export function parseSelfEmployedRules(json: unknown): SelfEmployedRules {
  const file = parseReferenceFile(selfEmployedSchema, json, SELF_EMPLOYED_FILE);
  return new SelfEmployedRules(file.version, new DatedEntries(SELF_EMPLOYED_FILE, 'versions', file.versions));
}

export function bundledSelfEmployedRules(): SelfEmployedRules {
  return parseSelfEmployedRules(selfEmployedJson);
}
