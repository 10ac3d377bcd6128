import { z } from 'zod';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { DatedEntries, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import guidanceJson from '../../reference/point-of-entry-guidance.v1.json';

export const GUIDANCE_FILE = 'point-of-entry-guidance.v1.json';

export const MVV_EXEMPT_SITUATIONS = [
  'HOLDS_DUTCH_RESIDENCE_PERMIT',
  'SCHENGEN_PERMIT_WITH_RECOGNISED_SPONSOR',
  'FAMILY_OF_EU_CITIZEN_IN_NL',
] as const;
export type MvvExemptSituation = (typeof MVV_EXEMPT_SITUATIONS)[number];

const country = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');

const evidenceStepSchema = z.object({
  // A type of the hub's evidence catalogue, without the EVIDENCE_TYPE_ prefix.
  type: z.string().regex(/^[A-Z][A-Z_]+$/),
  issuer: z.string().min(2),
  sharedWith: z.string().min(2),
  purpose: z.string().regex(/^[A-Z][A-Z_]+$/),
  fields: z.array(z.string().min(1)).min(1),
  grantId: z.uuid(),
  why: z.string().min(10),
});

const guidanceSchema = referenceFileSchema({
  mvvExemptNationalities: z.array(z.object({ ...validityFields, countries: z.array(country).min(1), source: sourceSchema })).min(1),
  mvvExemptSituations: z.record(z.enum(MVV_EXEMPT_SITUATIONS), sourceSchema),
  mvvDeadlines: z.object({
    collectWithinMonthsOfNotification: z.number().int().min(1),
    enterWithinDaysOfIssue: z.number().int().min(1),
    source: sourceSchema,
  }),
  categories: z
    .array(
      z.object({
        category: z.enum(PermitCategory),
        twvRequired: z.boolean(),
        twvSource: sourceSchema,
        evidence: z.array(evidenceStepSchema),
      }),
    )
    .min(1),
});

export type GuidanceFile = z.infer<typeof guidanceSchema>;
export type EvidenceStepRule = z.infer<typeof evidenceStepSchema>;
export type CategoryGuidance = GuidanceFile['categories'][number];

export class GuidanceReference {
  readonly version: string;
  readonly mvvExemptSituations: GuidanceFile['mvvExemptSituations'];
  readonly mvvDeadlines: GuidanceFile['mvvDeadlines'];
  private readonly exemptNationalities: DatedEntries<GuidanceFile['mvvExemptNationalities'][number]>;
  private readonly categories: ReadonlyMap<PermitCategory, CategoryGuidance>;

  constructor(file: GuidanceFile) {
    this.version = file.version;
    this.mvvExemptSituations = file.mvvExemptSituations;
    this.mvvDeadlines = file.mvvDeadlines;
    this.exemptNationalities = new DatedEntries(GUIDANCE_FILE, 'mvvExemptNationalities', file.mvvExemptNationalities);
    this.categories = new Map(file.categories.map((entry) => [entry.category, entry]));
  }

  /** The MVV-exempt nationalities on `date`; undefined before the list's first day. */
  mvvExemptNationalitiesOn(date: string): readonly string[] | undefined {
    return this.exemptNationalities.on(date)?.countries;
  }

  category(category: PermitCategory): CategoryGuidance | undefined {
    return this.categories.get(category);
  }

  supportedCategories(): PermitCategory[] {
    return [...this.categories.keys()];
  }
}

function guidanceProblems(file: GuidanceFile): string[] {
  const seen = new Set<string>();
  return file.categories.flatMap((entry, index) => {
    const twice = seen.has(entry.category);
    seen.add(entry.category);
    return twice ? [`categories[${index}] (${entry.category}): listed twice`] : [];
  });
}

export function parseGuidanceReference(json: unknown): GuidanceReference {
  return new GuidanceReference(parseReferenceFile(guidanceSchema, json, GUIDANCE_FILE, guidanceProblems));
}

export function bundledGuidanceReference(): GuidanceReference {
  return parseGuidanceReference(guidanceJson);
}

export const GUIDANCE_REFERENCE = Symbol('GUIDANCE_REFERENCE');
