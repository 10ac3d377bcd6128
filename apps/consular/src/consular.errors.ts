import { assertUnreachable, DomainError, type DomainErrorCode } from '@welkom/errors';

/** Stable reasons the consular service gives (google.rpc.ErrorInfo.reason). */
export type ConsularErrorReason =
  | 'MVV_CASE_NOT_FOUND'
  | 'STEP_OUT_OF_ORDER'
  | 'NOT_THE_APPOINTMENT_POST'
  | 'MVV_LEG_EXPIRED'
  | 'NO_POST_FOR_COUNTRY'
  | 'NO_SLOT_IN_WINDOW'
  | 'NOT_OWN_BACK_OFFICE'
  | 'HUB_REFUSED_EVIDENCE'
  | 'HUB_UNAVAILABLE';

export function consularDomainCodeFor(reason: ConsularErrorReason): DomainErrorCode {
  switch (reason) {
    case 'MVV_CASE_NOT_FOUND':
      return 'NOT_FOUND';
    case 'STEP_OUT_OF_ORDER':
    case 'NOT_THE_APPOINTMENT_POST':
    case 'MVV_LEG_EXPIRED':
    case 'NO_POST_FOR_COUNTRY':
    case 'HUB_REFUSED_EVIDENCE':
      return 'FAILED_PRECONDITION';
    case 'NO_SLOT_IN_WINDOW':
      return 'RESOURCE_EXHAUSTED';
    case 'NOT_OWN_BACK_OFFICE':
      return 'PERMISSION_DENIED';
    case 'HUB_UNAVAILABLE':
      return 'UNAVAILABLE';
    default:
      return assertUnreachable(reason);
  }
}

export class ConsularError extends DomainError {
  declare readonly reason: ConsularErrorReason;

  constructor(reason: ConsularErrorReason, message: string, options: { cause?: unknown } = {}) {
    super(consularDomainCodeFor(reason), message, { reason, ...options });
    this.name = 'ConsularError';
  }
}
