import { facilitatorFindings, type FacilitatorFacts } from './facilitator.policy';
import { assessInnovation, type InnovationFacts } from './innovation.policy';
import type { InnovationTest, StartUpReasonCode, StartUpRules } from './start-up-rules.reference';

/**
 * The facts RVO assesses a start-up on, for the IND's advice request. The business plan itself is read by RVO's
 * assessor and never enters the hub: only these judgements and the advice do.
 */
export interface StartUpFacts {
  readonly assessedOn: string;
  readonly innovation: InnovationFacts;
  readonly hasStepPlan: boolean;
  readonly founderRegisteredInKvk: boolean;
  readonly facilitator: FacilitatorFacts;
}

export type StartUpAdviceOutcome = 'POSITIVE' | 'NEGATIVE';

export interface StartUpAdvice {
  readonly outcome: StartUpAdviceOutcome;
  /** Every ground for a negative advice, in rule order; empty when positive. */
  readonly reasonCodes: readonly StartUpReasonCode[];
  readonly innovationTestsMet: readonly InnovationTest[];
  readonly ruleVersion: string;
}

export class StartUpRulesNotInForceError extends RangeError {
  constructor(readonly on: string) {
    super(`no start-up rules are in force on ${on}`);
  }
}

/** RVO's advice on a start-up: positive only when the product is innovative, there is a step plan, and founder and facilitator qualify. */
export function adviseOnStartUp(facts: StartUpFacts, rules: StartUpRules): StartUpAdvice {
  const version = rules.on(facts.assessedOn);
  if (version === undefined) throw new StartUpRulesNotInForceError(facts.assessedOn);
  const innovation = assessInnovation(facts.innovation, version.innovation);
  const reasonCodes: StartUpReasonCode[] = [
    ...(innovation.innovative ? [] : (['PRODUCT_NOT_INNOVATIVE'] as const)),
    ...(version.startUp.stepPlanRequired && !facts.hasStepPlan ? (['STEP_PLAN_MISSING'] as const) : []),
    ...(version.startUp.founderKvkRegistrationRequired && !facts.founderRegisteredInKvk ? (['FOUNDER_NOT_IN_KVK'] as const) : []),
    ...facilitatorFindings(facts.facilitator, version.facilitator),
  ];
  return {
    outcome: reasonCodes.length === 0 ? 'POSITIVE' : 'NEGATIVE',
    reasonCodes,
    innovationTestsMet: innovation.testsMet,
    ruleVersion: rules.version,
  };
}
