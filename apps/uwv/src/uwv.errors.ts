import { assertUnreachable, DomainError, type DomainErrorCode, type FieldViolation } from '@welkom/errors';

/** Stable reasons UWV gives its callers (google.rpc.ErrorInfo.reason). */
export type UwvErrorReason =
  | 'INVALID_REQUEST'
  | 'NOT_AN_EMPLOYER'
  | 'NOT_OWN_BACK_OFFICE'
  | 'CASE_NOT_FOUND'
  | 'VACANCY_NOT_FOUND'
  | 'RULES_NOT_IN_FORCE'
  | 'HUB_UNAVAILABLE';

export function uwvDomainCodeFor(reason: UwvErrorReason): DomainErrorCode {
  switch (reason) {
    case 'INVALID_REQUEST':
      return 'INVALID_ARGUMENT';
    case 'NOT_AN_EMPLOYER':
    case 'NOT_OWN_BACK_OFFICE':
      return 'PERMISSION_DENIED';
    case 'CASE_NOT_FOUND':
    case 'VACANCY_NOT_FOUND':
      return 'NOT_FOUND';
    case 'RULES_NOT_IN_FORCE':
      return 'FAILED_PRECONDITION';
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
