import { DomainError, type DomainErrorCode, type FieldViolation } from '@welkom/errors';

/**
 * Why no decision or status change could be made at all. Distinct from a REFUSED or INCOMPLETE outcome: those
 * are decisions; these mean the input or the rules do not allow deciding, and nothing must be recorded.
 */
export type DecisionErrorReason =
  | 'INVALID_DECISION_INPUT'
  | 'NO_RULES_FOR_CATEGORY'
  | 'RULES_NOT_IN_FORCE'
  | 'ILLEGAL_STATUS_TRANSITION'
  | 'PERMIT_ISSUANCE_CONDITIONS_NOT_MET';

const CODE_OF: Record<DecisionErrorReason, DomainErrorCode> = {
  INVALID_DECISION_INPUT: 'INVALID_ARGUMENT',
  NO_RULES_FOR_CATEGORY: 'FAILED_PRECONDITION',
  RULES_NOT_IN_FORCE: 'FAILED_PRECONDITION',
  ILLEGAL_STATUS_TRANSITION: 'FAILED_PRECONDITION',
  PERMIT_ISSUANCE_CONDITIONS_NOT_MET: 'FAILED_PRECONDITION',
};

export class DecisionError extends DomainError {
  declare readonly reason: DecisionErrorReason;

  constructor(
    reason: DecisionErrorReason,
    message: string,
    options: { fieldViolations?: FieldViolation[]; metadata?: Record<string, string> } = {},
  ) {
    super(CODE_OF[reason], message, { reason, ...options });
    this.name = 'DecisionError';
  }

  static invalidInput(violations: FieldViolation[]): DecisionError {
    const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
    return new DecisionError('INVALID_DECISION_INPUT', `Invalid decision input: ${summary}`, { fieldViolations: violations });
  }
}
