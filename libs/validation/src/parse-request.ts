import { DomainError, type FieldViolation } from '@welkom/errors';
import type { z } from 'zod';

/** `grantId` → `grant_id`; a proto name stays as it is. */
function protoName(jsName: string): string {
  return jsName.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/**
 * A zod issue path as clients read it: proto field names joined by dots, list indexes in brackets. Names a
 * client chose (an HTTP query's parameters) are kept as sent with `asSent`.
 */
export function fieldPath(path: readonly PropertyKey[], prefix = '', asSent = false): string {
  let field = prefix;
  for (const key of path) {
    if (typeof key === 'number') field += `[${key}]`;
    else field += `${field === '' ? '' : '.'}${asSent ? String(key) : protoName(String(key))}`;
  }
  return field;
}

export interface RequestParseOptions {
  /** `google.rpc.ErrorInfo.reason` of the refusal; `INVALID_REQUEST` unless the service has its own. */
  reason?: string;
  /** Where the parsed message sits in the request, e.g. `evidence` for `IssueEvidenceRequest.evidence`. */
  at?: string;
  /** Field names are not proto names but the client's own (HTTP query parameters): report them as sent. */
  namesAsSent?: boolean;
}

/** Every violation a schema finds in the input (none: the parsed value). Absent input reads as an empty message. */
export function checkRequest<S extends z.ZodType>(
  schema: S,
  input: unknown,
  options: Pick<RequestParseOptions, 'at' | 'namesAsSent'> = {},
): { ok: true; value: z.output<S> } | { ok: false; violations: FieldViolation[] } {
  const result = schema.safeParse(input ?? {});
  if (result.success) return { ok: true, value: result.data };
  const violations = result.error.issues.map((issue) => ({
    field: fieldPath(issue.path, options.at, options.namesAsSent),
    description: issue.message,
  }));
  return { ok: false, violations };
}

/**
 * THE way a request becomes a command's input: parse with the zod schema, and refuse with
 * `DomainError('INVALID_ARGUMENT')` carrying one field violation per problem (every one, not the first).
 */
export function parseRequest<S extends z.ZodType>(schema: S, input: unknown, options: RequestParseOptions = {}): z.output<S> {
  const checked = checkRequest(schema, input, options);
  if (!checked.ok) throw DomainError.invalidArgument(checked.violations, options.reason);
  return checked.value;
}

/** A refusal for violations found outside a schema (e.g. a sub-unit the caller's party does not have). */
export function invalidRequest(violations: FieldViolation[], reason?: string): DomainError {
  return DomainError.invalidArgument(violations, reason);
}
