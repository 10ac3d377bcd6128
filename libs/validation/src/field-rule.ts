import { z } from 'zod';

/** Where a violation sits below the field that found it: property names (JS or proto spelling) and list indexes. */
export type RelativePath = readonly (string | number)[];

const INVALID = Symbol('invalid');

/** What a rule answers instead of a value: one or more violations, each at a path relative to the field. */
export interface Invalid {
  readonly [INVALID]: true;
  readonly violations: readonly { readonly path: RelativePath; readonly description: string }[];
}

export function invalid(description: string, path: RelativePath = []): Invalid {
  return { [INVALID]: true, violations: [{ path, description }] };
}

export function invalidAll(violations: Invalid['violations']): Invalid {
  return { [INVALID]: true, violations };
}

export function isInvalid(value: unknown): value is Invalid {
  return typeof value === 'object' && value !== null && INVALID in value;
}

/**
 * A zod schema from one check. Its violations are *continuable*: zod still runs the other fields and the
 * request's own refinements, so a client hears every problem at once. Refinements therefore see `undefined`
 * where a field was invalid (hence `Partial` in `refineRequest`).
 */
export function fieldRule<T>(check: (value: unknown) => T | Invalid): z.ZodType<T, unknown> {
  // `optional()` first: an absent key still reaches the check (which decides whether that is 'is required'),
  // and an undefined result is not zod's own "expected nonoptional".
  return z
    .unknown()
    .optional()
    .transform((value, ctx): T => {
      const result = check(value);
      if (!isInvalid(result)) return result;
      for (const violation of result.violations) {
        ctx.addIssue({ code: 'custom', path: [...violation.path], message: violation.description, continue: true });
      }
      return undefined as T;
    });
}

/** A nested message of the request; absent (proto-loader: null) is 'is required', or undefined when optional. */
export function message<S extends z.ZodRawShape>(shape: S): z.ZodType<z.output<z.ZodObject<S>>, unknown> {
  const object = z.object(shape, { error: (issue) => (issue.input === undefined ? 'is required' : 'must be a message') });
  return z.preprocess((value) => value ?? undefined, object);
}

export function optionalMessage<S extends z.ZodRawShape>(shape: S): z.ZodType<z.output<z.ZodObject<S>> | undefined, unknown> {
  return z.preprocess((value) => value ?? undefined, z.object(shape, { error: 'must be a message' }).optional());
}

/**
 * Checks across fields (one of two members, an end after a start, a value the catalogue knows), added to the
 * schema so they are reported together with the field violations. Invalid fields are `undefined` here.
 */
export function refineRequest<T>(
  schema: z.ZodType<T, unknown>,
  check: (value: Partial<T>, report: (path: RelativePath, description: string) => void) => void,
): z.ZodType<T, unknown> {
  return schema.superRefine((value, ctx) => {
    check(value, (path, description) => {
      ctx.addIssue({ code: 'custom', path: [...path], message: description, continue: true });
    });
  });
}

/** A member taken as it came, for a refinement to judge (the members of a oneof); may be absent. */
export function raw<T = unknown>(): z.ZodType<T | undefined, unknown> {
  return fieldRule((value) => value as T | undefined);
}
