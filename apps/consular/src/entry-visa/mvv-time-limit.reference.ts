import { z } from 'zod';
import { DatedEntries, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import bundledTimeLimits from '../../reference/mvv-time-limits.v1.json';

export const MVV_TIME_LIMITS_FILE = 'mvv-time-limits.v1.json';

const limitSchema = z.object({
  appearanceWithinMonths: z.number().int().positive(),
  entryWithinDays: z.number().int().positive(),
  ...validityFields,
  source: sourceSchema,
});

export const mvvTimeLimitsSchema = referenceFileSchema({ limits: z.array(limitSchema).min(1) });

export type MvvTimeLimit = z.infer<typeof limitSchema>;

/** The MVV leg's limits (DOMAIN.md §2.2), by the day the limit starts to run. */
export class MvvTimeLimitReference {
  readonly version: string;
  private readonly limits: DatedEntries<MvvTimeLimit>;

  constructor(file: z.infer<typeof mvvTimeLimitsSchema>, fileName: string) {
    this.version = file.version;
    this.limits = new DatedEntries(fileName, 'limits', file.limits);
  }

  /** The limits in force on `on`; an error naming the file when none is. */
  on(on: string): MvvTimeLimit {
    return this.limits.require(on);
  }
}

export function parseMvvTimeLimitReference(json: unknown): MvvTimeLimitReference {
  return new MvvTimeLimitReference(parseReferenceFile(mvvTimeLimitsSchema, json, MVV_TIME_LIMITS_FILE), MVV_TIME_LIMITS_FILE);
}

export function bundledMvvTimeLimitReference(): MvvTimeLimitReference {
  return parseMvvTimeLimitReference(bundledTimeLimits);
}
