import {
  type AdviseEssentialEmployeeResponse,
  EssentialEmployeeAdviceOutcome,
} from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import type { EssentialEmployeeAdviceResult } from './essential-employee-advice.service';

const OUTCOME = {
  POSITIVE: EssentialEmployeeAdviceOutcome.ESSENTIAL_EMPLOYEE_ADVICE_OUTCOME_POSITIVE,
  NEGATIVE: EssentialEmployeeAdviceOutcome.ESSENTIAL_EMPLOYEE_ADVICE_OUTCOME_NEGATIVE,
  PENDING: EssentialEmployeeAdviceOutcome.ESSENTIAL_EMPLOYEE_ADVICE_OUTCOME_PENDING,
} as const;

export function toAdviseEssentialEmployeeResponse({
  advice,
  alreadyAdvised,
}: EssentialEmployeeAdviceResult): AdviseEssentialEmployeeResponse {
  return {
    adviceReference: advice.adviceReference,
    outcome: OUTCOME[advice.outcome],
    reasonCodes: [...advice.reasonCodes],
    ruleVersion: advice.ruleVersion,
    startUpPermitsCounted: advice.startUpPermitsCounted,
    residenceSchemeUntil: advice.residenceSchemeUntil ?? '',
    alreadyAdvised,
  };
}
