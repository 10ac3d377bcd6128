import { z } from 'zod';

/**
 * The documents the console reads from the services' HTTP ports, checked at the edge: a service that answers
 * something else makes its panel say so instead of drawing nonsense. Unknown fields are ignored.
 */
const count = z.number().int().min(0);

/** IND GET /operations/figures. */
export const indFiguresSchema = z.object({
  today: z.string(),
  atRiskWithinDays: count,
  stages: z.array(z.object({ category: z.string(), status: z.string(), cases: count })),
  deadlines: z.array(z.object({ kind: z.string(), nature: z.string(), onTrack: count, atRisk: count, breached: count })),
  evidenceRequests: z.array(z.object({ evidenceType: z.string(), state: z.string(), requests: count })),
});
export type IndFigures = z.infer<typeof indFiguresSchema>;

/** Consular GET /capacity. */
export const consularCapacitySchema = z.object({
  referenceVersion: z.string(),
  posts: z.array(
    z.object({
      post: z.string(),
      slotsOffered: count,
      slotsUsed: count,
      waitingDaysP50: z.number().nullable(),
      waitingDaysP90: z.number().nullable(),
      pooledToOtherPosts: count,
    }),
  ),
});
export type ConsularCapacity = z.infer<typeof consularCapacitySchema>;

/** EU reporting GET /feed/published: the IND's 2015–2022 table. */
export const publishedFiguresSchema = z.object({
  source: z.string(),
  figures: z.array(z.object({ group: z.string(), year: z.number().int(), applications: count, decisions: count, grantRatePercent: count })),
});
export type PublishedFigures = z.infer<typeof publishedFiguresSchema>;

/** EU reporting GET /feed?format=json (annual, by group): withheld cells are null (small-cell protection). */
export const liveFeedSchema = z.object({
  asOf: z.string().nullable(),
  euTargetDays: z.number().nullable().optional(),
  series: z.array(
    z.object({
      group: z.string(),
      year: z.number().int(),
      applications: z.number().nullable(),
      decisions: z.number().nullable(),
      granted: z.number().nullable().optional(),
    }),
  ),
});
export type LiveFeed = z.infer<typeof liveFeedSchema>;
