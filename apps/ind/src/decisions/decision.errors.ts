import { assertUnreachable, DomainError, type DomainErrorCode, type FieldViolation } from '@welkom/errors';

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

/** The one mapping from a decision reason to a domain code; a new reason without a code does not compile. */
export function decisionDomainCodeFor(reason: DecisionErrorReason): DomainErrorCode {
  switch (reason) {
    case 'INVALID_DECISION_INPUT':
      return 'INVALID_ARGUMENT';
    case 'NO_RULES_FOR_CATEGORY':
    case 'RULES_NOT_IN_FORCE':
    case 'ILLEGAL_STATUS_TRANSITION':
    case 'PERMIT_ISSUANCE_CONDITIONS_NOT_MET':
      return 'FAILED_PRECONDITION';
    default:
      return assertUnreachable(reason);
  }
}

export class DecisionError extends DomainError {
  declare readonly reason: DecisionErrorReason;

  constructor(
    reason: DecisionErrorReason,
    message: string,
    options: { fieldViolations?: FieldViolation[]; metadata?: Record<string, string> } = {},
  ) {
    super(decisionDomainCodeFor(reason), message, { reason, ...options });
    this.name = 'DecisionError';
  }

  static invalidInput(violations: FieldViolation[]): DecisionError {
    const summary = violations.map((v) => `${v.field}: ${v.description}`).join('; ');
    return new DecisionError('INVALID_DECISION_INPUT', `Invalid decision input: ${summary}`, { fieldViolations: violations });
  }
}
