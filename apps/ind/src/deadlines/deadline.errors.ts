import { assertUnreachable, DomainError, type DomainErrorCode, type FieldViolation } from '@welkom/errors';

/** Why a deadline could not be computed; stable codes the gRPC edge can map and operators can alert on. */
export type DeadlineErrorReason =
  | 'INVALID_DEADLINE_INPUT'
  | 'EXTENSION_NOT_ALLOWED'
  | 'NO_DECISION_PERIODS_FOR_DATE'
  | 'HOLIDAY_CALENDAR_NOT_COVERED'
  | 'HOLIDAY_CALENDAR_NOT_CONFIRMED';

/** The one mapping from a deadline reason to a domain code; a new reason without a code does not compile. */
export function deadlineDomainCodeFor(reason: DeadlineErrorReason): DomainErrorCode {
  switch (reason) {
    case 'INVALID_DEADLINE_INPUT':
      return 'INVALID_ARGUMENT';
    case 'EXTENSION_NOT_ALLOWED':
      return 'FAILED_PRECONDITION';
    // The two calendar reasons and the missing period version are gaps in reference data, not in the caller's
    // request: the answer is "we will not guess", so the caller sees a failed precondition it cannot fix.
    case 'NO_DECISION_PERIODS_FOR_DATE':
    case 'HOLIDAY_CALENDAR_NOT_COVERED':
    case 'HOLIDAY_CALENDAR_NOT_CONFIRMED':
      return 'FAILED_PRECONDITION';
    default:
      return assertUnreachable(reason);
  }
}

export class DeadlineError extends DomainError {
  declare readonly reason: DeadlineErrorReason;

  constructor(reason: DeadlineErrorReason, message: string, fieldViolations: FieldViolation[] = []) {
    super(deadlineDomainCodeFor(reason), message, { reason, fieldViolations });
    this.name = 'DeadlineError';
  }

  static invalidInput(field: string, description: string): DeadlineError {
    return new DeadlineError('INVALID_DEADLINE_INPUT', `Invalid deadline input: ${field}: ${description}`, [{ field, description }]);
  }
}
