import { assertUnreachable, DomainError, type DomainErrorCode, type FieldViolation } from '@welkom/errors';

/** Stable reasons RVO's connector gives its back office (google.rpc.ErrorInfo.reason). */
export type RvoErrorReason =
  'INVALID_REQUEST' | 'NOT_OWN_BACK_OFFICE' | 'RULES_NOT_IN_FORCE' | 'EVIDENCE_REFUSED_BY_HUB' | 'HUB_UNAVAILABLE';

export function rvoDomainCodeFor(reason: RvoErrorReason): DomainErrorCode {
  switch (reason) {
    case 'INVALID_REQUEST':
      return 'INVALID_ARGUMENT';
    case 'NOT_OWN_BACK_OFFICE':
      return 'PERMISSION_DENIED';
    case 'RULES_NOT_IN_FORCE':
    case 'EVIDENCE_REFUSED_BY_HUB':
      return 'FAILED_PRECONDITION';
    case 'HUB_UNAVAILABLE':
      return 'UNAVAILABLE';
    default:
      return assertUnreachable(reason);
  }
}

export class RvoError extends DomainError {
  declare readonly reason: RvoErrorReason;

  constructor(reason: RvoErrorReason, message: string, options: { fieldViolations?: FieldViolation[]; cause?: unknown } = {}) {
    super(rvoDomainCodeFor(reason), message, { reason, ...options });
    this.name = 'RvoError';
  }
}
