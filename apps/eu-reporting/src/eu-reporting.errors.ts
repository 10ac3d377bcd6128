import { assertUnreachable, DomainError, type DomainErrorCode, type FieldViolation } from '@welkom/errors';

/**
 * Stable reasons the EU reporting service gives a caller (google.rpc.ErrorInfo.reason over gRPC, `error` in
 * an HTTP answer); clients switch on them. Broken invariants (a series outside the reference, a stored fact
 * that no longer validates) stay plain `Error`s: they are bugs, answered as INTERNAL / 500 without details.
 */
export type EuReportingErrorReason =
  /** A feed query (HTTP) or stream request (gRPC) with a bad option. */
  | 'INVALID_FEED_REQUEST'
  /** An IND status event that does not fit the application's facts so far. */
  | 'INVALID_STATUS_EVENT';

/** The one mapping from a reason to a domain code; a new reason without a code does not compile. */
export function euReportingDomainCodeFor(reason: EuReportingErrorReason): DomainErrorCode {
  switch (reason) {
    case 'INVALID_FEED_REQUEST':
    case 'INVALID_STATUS_EVENT':
      return 'INVALID_ARGUMENT';
    default:
      return assertUnreachable(reason);
  }
}

export class EuReportingError extends DomainError {
  declare readonly reason: EuReportingErrorReason;

  constructor(reason: EuReportingErrorReason, message: string, options: { fieldViolations?: FieldViolation[]; cause?: unknown } = {}) {
    super(euReportingDomainCodeFor(reason), message, { reason, ...options });
    this.name = 'EuReportingError';
  }

  static invalid(reason: EuReportingErrorReason, violations: FieldViolation[]): EuReportingError {
    const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
    return new EuReportingError(reason, `Invalid request: ${summary}`, { fieldViolations: violations });
  }
}
