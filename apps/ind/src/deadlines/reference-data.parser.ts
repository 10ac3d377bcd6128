import { z } from 'zod';
import { isIsoDate } from '@welkom/platform';

/**
 * Reference data the IND app will not run on. Every problem is listed at once, so a broken file is fixed in
 * one round; the app fails closed rather than deciding or counting with rules it cannot trust.
 */
export class ReferenceDataError extends Error {
  constructor(
    readonly file: string,
    readonly problems: readonly string[],
  ) {
    super(`Reference data ${file} is invalid:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ReferenceDataError';
  }
}

export function parseReferenceData<S extends z.ZodType>(schema: S, json: unknown, file: string): z.infer<S> {
  const result = schema.safeParse(json);
  if (result.success) return result.data;
  throw new ReferenceDataError(
    file,
    result.error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`),
  );
}

export const isoDateSchema = z.string().refine(isIsoDate, 'expected an ISO date YYYY-MM-DD');

/** Every number in reference data says where it comes from; an empty source is a review failure. */
export const sourceSchema = z.string().min(8, 'expected a source (law, register or page) for this fact');

