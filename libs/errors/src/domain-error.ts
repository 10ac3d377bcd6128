/**
 * Every failure a caller can cause or observe, as a stable code. Transport adapters map each code to their
 * own status in one exhaustive switch (libs/grpc `grpcStatusFor`), so adding a code without deciding its
 * gRPC status fails to compile.
 */
export type DomainErrorCode =
  | 'INVALID_ARGUMENT'
  | 'UNAUTHENTICATED'
  | 'PERMISSION_DENIED'
  | 'NOT_FOUND'
  | 'ALREADY_EXISTS'
  | 'FAILED_PRECONDITION'
  | 'RESOURCE_EXHAUSTED'
  | 'UNAVAILABLE'
  | 'DEADLINE_EXCEEDED'
  | 'INTERNAL';

/** One invalid field of a request, addressed by its path in the request message (e.g. `subject.pseudonym`). */
export interface FieldViolation {
  field: string;
  description: string;
}

export interface DomainErrorOptions {
  /** Stable machine-readable reason within the service, e.g. `NO_GRANT`, `NOT_AUTHORITATIVE_SOURCE`. */
  reason?: string;
  fieldViolations?: FieldViolation[];
  /** Failed preconditions (e.g. evidence revoked), as `type`/`subject`/`description`. */
  preconditionViolations?: { type: string; subject: string; description: string }[];
  metadata?: Record<string, string>;
  /** When the caller may try again (a rate limit): sent as google.rpc.RetryInfo. */
  retryDelayMs?: number;
  cause?: unknown;
}

/** A failure as a value: thrown by services, mapped at the edge, never a transport exception. */
export class DomainError extends Error {
  readonly reason: string;
  readonly fieldViolations: readonly FieldViolation[];
  readonly preconditionViolations: readonly { type: string; subject: string; description: string }[];
  readonly metadata: Readonly<Record<string, string>>;
  readonly retryDelayMs: number | undefined;

  constructor(
    readonly code: DomainErrorCode,
    message: string,
    options: DomainErrorOptions = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'DomainError';
    this.reason = options.reason ?? code;
    this.fieldViolations = options.fieldViolations ?? [];
    this.preconditionViolations = options.preconditionViolations ?? [];
    this.metadata = options.metadata ?? {};
    this.retryDelayMs = options.retryDelayMs;
  }

  static invalidArgument(fieldViolations: FieldViolation[], reason = 'INVALID_REQUEST'): DomainError {
    const summary = fieldViolations.map((v) => `${v.field}: ${v.description}`).join('; ');
    return new DomainError('INVALID_ARGUMENT', `Invalid request: ${summary}`, { reason, fieldViolations });
  }
}

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof DomainError;
}

/** Exhaustiveness guard for switches over unions: a missing case becomes a compile error. */
export function assertUnreachable(value: never): never {
  throw new Error(`Unhandled case: ${String(value)}`);
}
