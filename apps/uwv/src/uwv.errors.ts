import { assertUnreachable, DomainError, type DomainErrorCode, type FieldViolation } from '@welkom/errors';

/** Stable reasons UWV gives its callers (google.rpc.ErrorInfo.reason). */
export type UwvErrorReason = 'INVALID_REQUEST' | 'NOT_AN_EMPLOYER' | 'HUB_UNAVAILABLE';

export function uwvDomainCodeFor(reason: UwvErrorReason): DomainErrorCode {
  switch (reason) {
    case 'INVALID_REQUEST':
      return 'INVALID_ARGUMENT';
    case 'NOT_AN_EMPLOYER':
      return 'PERMISSION_DENIED';
    case 'HUB_UNAVAILABLE':
      return 'UNAVAILABLE';
    default:
      return assertUnreachable(reason);
  }
}

export class UwvError extends DomainError {
  declare readonly reason: UwvErrorReason;

  constructor(reason: UwvErrorReason, message: string, options: { fieldViolations?: FieldViolation[]; cause?: unknown } = {}) {
    super(uwvDomainCodeFor(reason), message, { reason, ...options });
    this.name = 'UwvError';
  }
}
