import { assertUnreachable, DomainError, type DomainErrorCode, type FieldViolation } from '@welkom/errors';

/** Stable reasons the IND gives a caller (google.rpc.ErrorInfo.reason); clients switch on them. */
export type IndErrorReason =
  | 'INVALID_REQUEST'
  | 'IDENTIFIER_ON_EVENT_BACKBONE'
  | 'SPONSOR_REFERENCE_CONFLICT'
  | 'APPLICATION_NOT_FOUND'
  | 'IND_ONLY'
  | 'NOT_THE_SPONSOR'
  | 'NOT_A_SPONSOR'
  | 'NOT_A_FILING_CHANNEL'
  | 'APPLICATION_ALREADY_DECIDED'
  | 'NOTIFICATION_NOT_APPLICABLE'
  | 'HUB_UNAVAILABLE';

/** The one mapping from an IND reason to a domain code; a new reason without a code does not compile. */
export function indDomainCodeFor(reason: IndErrorReason): DomainErrorCode {
  switch (reason) {
    case 'INVALID_REQUEST':
    case 'IDENTIFIER_ON_EVENT_BACKBONE':
    case 'NOTIFICATION_NOT_APPLICABLE':
      return 'INVALID_ARGUMENT';
    case 'SPONSOR_REFERENCE_CONFLICT':
      return 'ALREADY_EXISTS';
    case 'APPLICATION_NOT_FOUND':
      return 'NOT_FOUND';
    case 'IND_ONLY':
    case 'NOT_THE_SPONSOR':
    case 'NOT_A_SPONSOR':
    case 'NOT_A_FILING_CHANNEL':
      return 'PERMISSION_DENIED';
    case 'APPLICATION_ALREADY_DECIDED':
      return 'FAILED_PRECONDITION';
    case 'HUB_UNAVAILABLE':
      return 'UNAVAILABLE';
    default:
      return assertUnreachable(reason);
  }
}

export class IndError extends DomainError {
  declare readonly reason: IndErrorReason;

  constructor(reason: IndErrorReason, message: string, options: { fieldViolations?: FieldViolation[]; cause?: unknown } = {}) {
    super(indDomainCodeFor(reason), message, { reason, ...options });
    this.name = 'IndError';
  }

  static invalid(violations: FieldViolation[]): IndError {
    const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
    return new IndError('INVALID_REQUEST', `Invalid request: ${summary}`, { fieldViolations: violations });
  }
}
