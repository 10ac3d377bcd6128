import {
  SelfEmployedExemptionRoute,
  type SelfEmployedPointsAssessment,
  SelfEmployedPointsOutcome,
  SelfEmployedPointsReason,
  SelfEmployedPointsVariant,
} from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { PointPart } from './self-employed-points.reference';
import type { SelfEmployedScoreRecord } from './self-employed-score';

const OUTCOME = {
  POSITIVE: SelfEmployedPointsOutcome.SELF_EMPLOYED_POINTS_OUTCOME_POSITIVE,
  NEGATIVE: SelfEmployedPointsOutcome.SELF_EMPLOYED_POINTS_OUTCOME_NEGATIVE,
  EXEMPT: SelfEmployedPointsOutcome.SELF_EMPLOYED_POINTS_OUTCOME_EXEMPT,
} as const;

const PART_REASON: Readonly<Record<PointPart, SelfEmployedPointsReason>> = {
  PERSONAL_EXPERIENCE: SelfEmployedPointsReason.SELF_EMPLOYED_POINTS_REASON_PERSONAL_EXPERIENCE_BELOW_MINIMUM,
  BUSINESS_PLAN: SelfEmployedPointsReason.SELF_EMPLOYED_POINTS_REASON_BUSINESS_PLAN_BELOW_MINIMUM,
  ADDED_VALUE: SelfEmployedPointsReason.SELF_EMPLOYED_POINTS_REASON_ADDED_VALUE_BELOW_MINIMUM,
};

/** A finding as the score records it ("TOTAL_BELOW_MINIMUM", "PART_BELOW_MINIMUM:BUSINESS_PLAN") as the contract's reason. */
export function reasonOfFinding(finding: string): SelfEmployedPointsReason {
  if (finding === 'TOTAL_BELOW_MINIMUM') return SelfEmployedPointsReason.SELF_EMPLOYED_POINTS_REASON_TOTAL_BELOW_MINIMUM;
  const part = finding.startsWith('PART_BELOW_MINIMUM:') ? (finding.slice('PART_BELOW_MINIMUM:'.length) as PointPart) : undefined;
  const reason = part === undefined ? undefined : PART_REASON[part];
  // The policy writes only these findings; anything else is a programming error, never a silent "unspecified".
  if (reason === undefined) throw new RangeError(`unknown self-employed finding ${finding}`);
  return reason;
}

/**
 * The score as the SELF_EMPLOYED_POINTS_ASSESSMENT the IND relies on (DOMAIN.md §1.8): outcome, points per part and
 * in total, the grounds and the exemption route. RVO never had the business plan's figures in the score, and none
 * travel here.
 */
export function toPointsAssessment(score: SelfEmployedScoreRecord): SelfEmployedPointsAssessment {
  return {
    outcome: OUTCOME[score.outcome],
    scoredOn: score.scoredOn,
    adviceReference: score.adviceReference,
    variant:
      score.variant === null
        ? SelfEmployedPointsVariant.SELF_EMPLOYED_POINTS_VARIANT_UNSPECIFIED
        : SelfEmployedPointsVariant[`SELF_EMPLOYED_POINTS_VARIANT_${score.variant}`],
    exemptionRoute:
      score.exemptionRoute === null
        ? SelfEmployedExemptionRoute.SELF_EMPLOYED_EXEMPTION_ROUTE_UNSPECIFIED
        : SelfEmployedExemptionRoute[`SELF_EMPLOYED_EXEMPTION_ROUTE_${score.exemptionRoute}`],
    personalExperiencePoints: score.points?.PERSONAL_EXPERIENCE ?? 0,
    businessPlanPoints: score.points?.BUSINESS_PLAN ?? 0,
    addedValuePoints: score.points?.ADDED_VALUE ?? 0,
    totalPoints: score.total ?? 0,
    reasons: score.findings.map(reasonOfFinding),
    ruleVersion: score.ruleVersion,
  };
}
