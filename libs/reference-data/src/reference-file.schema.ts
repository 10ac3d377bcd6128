import { z } from 'zod';
import { isIsoDate } from '@welkom/platform/calendar-date';

/** A real calendar day written YYYY-MM-DD (2023-02-29 is refused), by the one calendar module's rule. */
export const isoDateSchema = z.string().refine(isIsoDate, 'expected an ISO date YYYY-MM-DD');

/** Every number in reference data says where it comes from; an empty source is a review failure. */
export const sourceSchema = z.string().min(8, 'expected a source (law, register or page) for this fact');

/**
 * Where a file's facts come from: a title and a `url` or a `document` (a law, a decree, a repository file such as
 * `deploy/hub/README.md`), with the day it was `published` or `retrieved` when that is known. Dates are not
 * made up: a source without a known date carries none.
 */
export const referenceSourceSchema = z
  .object({
    title: z.string().min(3, 'expected a title for this source'),
    url: z.url().optional(),
    document: z.string().min(3).optional(),
    published: isoDateSchema.optional(),
    retrieved: isoDateSchema.optional(),
  })
  .strict()
  .refine((source) => source.url !== undefined || source.document !== undefined, 'expected a url or a document');

export type ReferenceSource = z.infer<typeof referenceSourceSchema>;

/**
 * What every reference file carries besides its content: a `version` (recorded by whatever is decided or
 * counted with it) and its `sources`. Build a file's schema with `referenceFileSchema({ ...content })`.
 */
export const referenceFileFields = {
  // Free text for reviewers; a list of lines when it would not fit on one.
  $comment: z.union([z.string(), z.array(z.string())]).optional(),
  version: z.string().min(1, 'expected a version'),
  sources: z.array(referenceSourceSchema).min(1, 'expected at least one source'),
};

export function referenceFileSchema<Shape extends z.ZodRawShape>(content: Shape) {
  return z.object({ ...referenceFileFields, ...content });
}

/**
 * The validity of an entry: both days INCLUSIVE, `validTo` null for open-ended. Inclusive because that is how
 * laws and registers state it ("valid to 31 December"), so the file reads like its source.
 */
export const validityFields = {
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable(),
};

export interface Validity {
  readonly validFrom: string;
  readonly validTo: string | null;
}
