import { DomainError, type DomainErrorCode, type FieldViolation } from '@welkom/errors';

/** Why a deadline could not be computed; stable codes the gRPC edge can map and operators can alert on. */
export type DeadlineErrorReason =
  | 'INVALID_DEADLINE_INPUT'
  | 'EXTENSION_NOT_ALLOWED'
  | 'NO_DECISION_PERIODS_FOR_DATE'
  | 'HOLIDAY_CALENDAR_NOT_COVERED'
  | 'HOLIDAY_CALENDAR_NOT_CONFIRMED';

const CODE_OF: Record<DeadlineErrorReason, DomainErrorCode> = {
  INVALID_DEADLINE_INPUT: 'INVALID_ARGUMENT',
  EXTENSION_NOT_ALLOWED: 'FAILED_PRECONDITION',
  // The two calendar reasons and the missing period version are gaps in reference data, not in the caller's
  // request: the answer is "we will not guess", so the caller sees a failed precondition it cannot fix.
  NO_DECISION_PERIODS_FOR_DATE: 'FAILED_PRECONDITION',
  HOLIDAY_CALENDAR_NOT_COVERED: 'FAILED_PRECONDITION',
  HOLIDAY_CALENDAR_NOT_CONFIRMED: 'FAILED_PRECONDITION',
};

export class DeadlineError extends DomainError {
  declare readonly reason: DeadlineErrorReason;

  constructor(reason: DeadlineErrorReason, message: string, fieldViolations: FieldViolation[] = []) {
    super(CODE_OF[reason], message, { reason, fieldViolations });
    this.name = 'DeadlineError';
  }

  static invalidInput(field: string, description: string): DeadlineError {
    return new DeadlineError('INVALID_DEADLINE_INPUT', `Invalid deadline input: ${field}: ${description}`, [
      { field, description },
    ]);
  }
}
