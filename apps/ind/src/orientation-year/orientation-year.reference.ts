import { z } from 'zod';
import { DatedEntries, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import orientationYearJson from '../../reference/orientation-year.v1.json';

export const ORIENTATION_YEAR_FILE = 'orientation-year.v1.json';

/** Completions that can ground an orientation year (DOMAIN.md §1.6), as the university's DEGREE_AWARDED evidence names them. */
export const COMPLETION_KINDS = [
  'DUTCH_BACHELOR',
  'DUTCH_MASTER',
  'DUTCH_POST_MASTER',
  'DUTCH_PHD_OR_RESEARCH',
  'ERASMUS_MUNDUS_MASTER',
  'CULTURAL_OR_DEVELOPMENT_PROGRAMME',
  'FOREIGN_TOP_200_MASTER_OR_PHD',
  'OTHER',
] as const;
export type CompletionKind = (typeof COMPLETION_KINDS)[number];

export const ORIENTATION_YEAR_REASON_CODES = [
  'COMPLETION_EVIDENCE_MISSING',
  'COMPLETION_NOT_QUALIFYING',
  'APPLIED_BEFORE_COMPLETION',
  'WINDOW_PASSED',
  'ALREADY_USED_FOR_COMPLETION',
  'NOT_RENEWABLE',
] as const;
export type OrientationYearReasonCode = (typeof ORIENTATION_YEAR_REASON_CODES)[number];

const versionSchema = z.object({
  ...validityFields,
  applyWithinMonthsOfCompletion: z.number().int().min(1),
  permitMonths: z.number().int().min(1),
  renewable: z.boolean(),
  oncePerCompletion: z.boolean(),
  labourMarket: z.literal('FREE'),
  afterwards: z.literal('HIGHLY_SKILLED_MIGRANT_REDUCED_CRITERION'),
  qualifyingCompletions: z.array(z.enum(COMPLETION_KINDS)).min(1),
  minPostMasterMonths: z.number().int().min(1),
  source: sourceSchema,
});

const orientationYearSchema = referenceFileSchema({
  versions: z.array(versionSchema).min(1),
  reasonCodes: z.record(z.enum(ORIENTATION_YEAR_REASON_CODES), z.string().min(10)),
});

export type OrientationYearVersion = z.infer<typeof versionSchema>;

export class OrientationYearRules {
  constructor(
    readonly version: string,
    private readonly versions: DatedEntries<OrientationYearVersion>,
  ) {}

  on(date: string): OrientationYearVersion | undefined {
    return this.versions.on(date);
  }
}

export function parseOrientationYearRules(json: unknown): OrientationYearRules {
  const file = parseReferenceFile(orientationYearSchema, json, ORIENTATION_YEAR_FILE);
  return new OrientationYearRules(file.version, new DatedEntries(ORIENTATION_YEAR_FILE, 'versions', file.versions));
}

export function bundledOrientationYearRules(): OrientationYearRules {
  return parseOrientationYearRules(orientationYearJson);
}
