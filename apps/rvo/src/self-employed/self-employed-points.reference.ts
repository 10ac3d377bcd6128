import { z } from 'zod';
import { DatedEntries, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import selfEmployedPointsJson from '../../reference/self-employed-points.v1.json';

export const SELF_EMPLOYED_POINTS_FILE = 'self-employed-points.v1.json';

/** The three parts RVO scores (DOMAIN.md §1.8). */
export const POINT_PARTS = ['PERSONAL_EXPERIENCE', 'BUSINESS_PLAN', 'ADDED_VALUE'] as const;
export type PointPart = (typeof POINT_PARTS)[number];

/** Routes on which the points system is not applied at all. */
export const EXEMPTION_ROUTES = ['TURKISH_NATIONAL', 'EU_LONG_TERM_RESIDENT', 'DAFT', 'JAPAN_TREATY'] as const;
export type ExemptionRoute = (typeof EXEMPTION_ROUTES)[number];

const points = z.number().int().min(0);
const country = z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code');

const versionSchema = z.object({
  ...validityFields,
  parts: z.record(z.enum(POINT_PARTS), points),
  maxTotal: points,
  minTotal: points,
  minPerPart: points,
  highlyEducated: z.object({ minPerPart: z.partialRecord(z.enum(POINT_PARTS), points), source: sourceSchema }),
  completedStartUpTrajectory: z.object({ minMonths: z.number().int().min(1), source: sourceSchema }),
  exemptions: z.array(z.object({ route: z.enum(EXEMPTION_ROUTES), nationalities: z.array(country), source: sourceSchema })),
  source: sourceSchema,
});

const selfEmployedPointsSchema = referenceFileSchema({ versions: z.array(versionSchema).min(1) });

export type SelfEmployedPointsVersion = z.infer<typeof versionSchema>;

/** What a schema cannot say: the parts add up to the maximum, and the thresholds lie within it. */
function pointProblems(file: z.infer<typeof selfEmployedPointsSchema>): string[] {
  return file.versions.flatMap((version, index) => {
    const at = `versions[${index}] (${version.validFrom})`;
    const sum = POINT_PARTS.reduce((total, part) => total + version.parts[part], 0);
    return [
      ...(sum === version.maxTotal ? [] : [`${at} .parts: add up to ${sum}, not maxTotal ${version.maxTotal}`]),
      ...(version.minTotal <= version.maxTotal ? [] : [`${at} .minTotal: above maxTotal`]),
      ...POINT_PARTS.filter((part) => version.minPerPart > version.parts[part]).map(
        (part) => `${at} .minPerPart: above the maximum of ${part}`,
      ),
    ];
  });
}

export class SelfEmployedPointsRules {
  constructor(
    readonly version: string,
    private readonly versions: DatedEntries<SelfEmployedPointsVersion>,
  ) {}

  on(date: string): SelfEmployedPointsVersion | undefined {
    return this.versions.on(date);
  }
}

export function parseSelfEmployedPointsRules(json: unknown): SelfEmployedPointsRules {
  const file = parseReferenceFile(selfEmployedPointsSchema, json, SELF_EMPLOYED_POINTS_FILE, pointProblems);
  return new SelfEmployedPointsRules(file.version, new DatedEntries(SELF_EMPLOYED_POINTS_FILE, 'versions', file.versions));
}

export function bundledSelfEmployedPointsRules(): SelfEmployedPointsRules {
  return parseSelfEmployedPointsRules(selfEmployedPointsJson);
}

export const SELF_EMPLOYED_POINTS_RULES = Symbol('SELF_EMPLOYED_POINTS_RULES');
