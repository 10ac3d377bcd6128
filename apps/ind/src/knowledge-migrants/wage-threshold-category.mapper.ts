import { WageThresholdCategory } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import type { SalaryCriterion } from '@welkom/reference-data';

/** The contract's names for the criteria of the shared threshold table (welkom.evidence.v1.WageMeetsThreshold). */
const CRITERION_OF: Partial<Record<WageThresholdCategory, SalaryCriterion>> = {
  [WageThresholdCategory.WAGE_THRESHOLD_CATEGORY_HIGHLY_SKILLED_30_AND_OLDER]: 'HSM_30_AND_OVER',
  [WageThresholdCategory.WAGE_THRESHOLD_CATEGORY_HIGHLY_SKILLED_UNDER_30]: 'HSM_UNDER_30',
  [WageThresholdCategory.WAGE_THRESHOLD_CATEGORY_HIGHLY_SKILLED_REDUCED]: 'HSM_REDUCED',
  [WageThresholdCategory.WAGE_THRESHOLD_CATEGORY_EU_BLUE_CARD]: 'BLUE_CARD_STANDARD',
  [WageThresholdCategory.WAGE_THRESHOLD_CATEGORY_EU_BLUE_CARD_RECENT_GRADUATE]: 'BLUE_CARD_RECENT_GRADUATE',
};

/** undefined for UNSPECIFIED, an unknown value, or a field the hub did not disclose. */
export function salaryCriterionOf(category: WageThresholdCategory | undefined): SalaryCriterion | undefined {
  return category === undefined ? undefined : CRITERION_OF[category];
}

export function wageThresholdCategoryOf(criterion: SalaryCriterion): WageThresholdCategory {
  const found = (Object.entries(CRITERION_OF) as [WageThresholdCategory, SalaryCriterion][]).find(([, c]) => c === criterion);
  return found ? found[0] : WageThresholdCategory.WAGE_THRESHOLD_CATEGORY_UNSPECIFIED;
}
