import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { CategoryDecision } from '../decisions/category-decision';
import { RULES_NOT_IN_FORCE, waitingDecision } from '../decisions/category-decision';
import type { ApplicationForDecision, DecisionContext, DecisionEvidence, StartUpAssessmentEvidence } from '../decisions/decision-evidence';
import { checkEvidence, usedOf } from '../decisions/permit-decision.policy';
import type { StartUpReasonCode, StartUpRules } from './start-up.reference';

const isAdvice = (e: DecisionEvidence): e is StartUpAssessmentEvidence => e.type === EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT;

/**
 * The IND's decision on a start-up permit (DOMAIN.md §1.7) on RVO's START_UP_ASSESSMENT advice as the hub disclosed
 * it (the newest usable one): a positive advice naming the facilitator grants the year; a negative one refuses
 * with RVO's grounds as findings; no advice yet waits for RVO. Pure.
 */
export function decideStartUp(
  application: ApplicationForDecision,
  evidence: readonly DecisionEvidence[],
  context: DecisionContext & { readonly rules: StartUpRules },
): CategoryDecision {
  const base = { ruleVersion: context.rules.version, sponsorRegisterVersion: context.sponsors.version };
  const version = context.rules.on(application.receivedOn);
  if (version === undefined) return waitingDecision(base, RULES_NOT_IN_FORCE);
  // RVO issues the advice, not the filing channel (which may be RVO's desk or the IND's).
  const check = checkEvidence<StartUpAssessmentEvidence, StartUpReasonCode>(
    evidence.filter(isAdvice),
    EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT,
    'START_UP_ADVICE_MISSING',
    {
      application,
      onDate: context.decidedOn,
      issuerMustBeSponsor: false,
      evaluate: (e) =>
        e.facts.outcome === undefined || (version.requiresNamedFacilitator && e.facts.facilitatorName === undefined)
          ? 'EVIDENCE_FIELD_NOT_DISCLOSED'
          : undefined,
    },
  );
  const advice = check.used !== undefined && isAdvice(check.used) ? check.used : undefined;
  if (advice === undefined || check.finding !== undefined) {
    return waitingDecision(base, check.finding ?? 'START_UP_ADVICE_MISSING', check.setAside);
  }
  const used = { evidenceUsed: [usedOf(advice)], evidenceSetAside: check.setAside };
  if (advice.facts.outcome === 'NEGATIVE') {
    // RVO's grounds (e.g. FACILITATOR_MAJORITY_INTEREST) are the decision's findings: the founder learns why.
    return {
      ...base,
      ...used,
      outcome: 'REFUSED',
      reasonCode: 'START_UP_ADVICE_NEGATIVE',
      findings: ['START_UP_ADVICE_NEGATIVE', ...(advice.facts.reasons ?? [])],
    };
  }
  if (version.requiresNamedFacilitator && !advice.facts.facilitatorName) {
    return { ...base, ...used, outcome: 'REFUSED', reasonCode: 'FACILITATOR_NOT_NAMED', findings: ['FACILITATOR_NOT_NAMED'] };
  }
  return {
    ...base,
    ...used,
    outcome: 'GRANTED',
    findings: [`PERMIT_MONTHS:${version.permitMonths}`, `LABOUR_MARKET:${version.labourMarket}`],
  };
}
