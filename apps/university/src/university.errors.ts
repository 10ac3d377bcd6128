import { assertUnreachable, DomainError, type DomainErrorCode, type FieldViolation } from '@welkom/errors';

/** Stable reasons the connector gives the back office (google.rpc.ErrorInfo.reason). */
export type UniversityErrorReason =
  | 'INVALID_REQUEST'
  | 'APPLICATION_REFERENCE_CONFLICT'
  | 'APPLICATION_NOT_FOUND'
  | 'APPLICATION_NOT_DELIVERED'
  | 'NOT_OWN_BACK_OFFICE'
  | 'CHANGE_NOT_APPLICABLE'
  | 'HUB_UNAVAILABLE'
  | 'IND_UNAVAILABLE';

export function universityDomainCodeFor(reason: UniversityErrorReason): DomainErrorCode {
  switch (reason) {
    case 'INVALID_REQUEST':
    case 'CHANGE_NOT_APPLICABLE':
      return 'INVALID_ARGUMENT';
    case 'APPLICATION_REFERENCE_CONFLICT':
      return 'ALREADY_EXISTS';
    case 'APPLICATION_NOT_FOUND':
      return 'NOT_FOUND';
    case 'APPLICATION_NOT_DELIVERED':
      return 'FAILED_PRECONDITION';
    case 'NOT_OWN_BACK_OFFICE':
      return 'PERMISSION_DENIED';
    case 'HUB_UNAVAILABLE':
    case 'IND_UNAVAILABLE':
      return 'UNAVAILABLE';
    default:
      return assertUnreachable(reason);
  }
}

export class UniversityError extends DomainError {
  declare readonly reason: UniversityErrorReason;

  constructor(reason: UniversityErrorReason, message: string, options: { fieldViolations?: FieldViolation[]; cause?: unknown } = {}) {
    super(universityDomainCodeFor(reason), message, { reason, ...options });
    this.name = 'UniversityError';
  }

  static invalid(violations: FieldViolation[]): UniversityError {
    const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
    return new UniversityError('INVALID_REQUEST', `Invalid request: ${summary}`, { fieldViolations: violations });
  }
}
