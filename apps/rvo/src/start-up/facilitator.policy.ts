import type { FacilitatorReasonCode, FacilitatorRules } from './start-up-rules.reference';

/** What RVO knows of a facilitator, and of its tie to one start-up, when it assesses that start-up. */
export interface FacilitatorFacts {
  readonly registeredInKvk: boolean;
  readonly hasStartUpGuidanceExperience: boolean;
  readonly bankrupt: boolean;
  readonly negativeEquity: boolean;
  /** The facilitator's interest in this start-up, in percent of the shares (0 when none). */
  readonly interestInStartUpPercent: number;
  /** Degree of kinship with the founder (1 = parent/child, 2 = sibling/grandparent, 3 = uncle/niece…); null when not family. */
  readonly kinshipDegreeToFounder: number | null;
}

/**
 * Whether a facilitator may guide this start-up (DOMAIN.md §1.7): every ground found, in rule order, so the
 * advice lists them all. An empty list means the facilitator is acceptable.
 */
export function facilitatorFindings(facts: FacilitatorFacts, rules: FacilitatorRules): FacilitatorReasonCode[] {
  const findings: FacilitatorReasonCode[] = [];
  if (rules.kvkRegistrationRequired && !facts.registeredInKvk) findings.push('FACILITATOR_NOT_IN_KVK');
  if (rules.startUpGuidanceExperienceRequired && !facts.hasStartUpGuidanceExperience)
    findings.push('FACILITATOR_WITHOUT_START_UP_EXPERIENCE');
  if (rules.bankruptcyRefused && facts.bankrupt) findings.push('FACILITATOR_BANKRUPT');
  if (rules.negativeEquityRefused && facts.negativeEquity) findings.push('FACILITATOR_NEGATIVE_EQUITY');
  if (facts.interestInStartUpPercent > rules.majorityInterestAbovePercent) findings.push('FACILITATOR_MAJORITY_INTEREST');
  if (facts.kinshipDegreeToFounder !== null && facts.kinshipDegreeToFounder <= rules.familyExcludedUpToDegree) {
    findings.push('FACILITATOR_FAMILY_OF_FOUNDER');
  }
  return findings;
}
