import { COUNT_MEASURES, type FeedMeasure, type SmallCellPolicy } from './feed-reference';
import type { Confidentiality, FeedSeries, FeedTable } from './feed-query';
import { roundToMultiple } from './feed-statistics';

const DECISION_OUTCOMES = ['granted', 'refused', 'withdrawn'] as const;
const PROCESSING_TIME_MEASURES = [
  'processingMedianDays',
  'processingP90Days',
  'withinEuTargetPercent',
  'withinStatutoryPeriodPercent',
] as const;

function isSmall(value: number | null, policy: SmallCellPolicy): boolean {
  return value !== null && value > 0 && value < policy.threshold;
}

/** Which values of one series must not be published as they are, and why. */
export function confidentialValuesOf(series: FeedSeries, policy: SmallCellPolicy): Partial<Record<FeedMeasure, Confidentiality>> {
  const marks: Partial<Record<FeedMeasure, Confidentiality>> = {};
  for (const measure of COUNT_MEASURES) {
    if (isSmall(series.values[measure], policy)) marks[measure] = 'primary';
  }
  // decisions = granted + refused + withdrawn, so one small outcome is found by subtraction unless the
  // other outcomes go too; the grant rate times the decisions would give it away as well.
  if (DECISION_OUTCOMES.some((outcome) => marks[outcome] !== undefined)) {
    for (const outcome of DECISION_OUTCOMES) marks[outcome] ??= 'complementary';
    marks.grantRatePercent = 'complementary';
  }
  if (marks.decisions !== undefined) marks.grantRatePercent ??= 'complementary';
  // A median over a handful of cases is close to one person's case.
  if (series.processingTimeDecisions > 0 && series.processingTimeDecisions < policy.threshold) {
    for (const measure of PROCESSING_TIME_MEASURES) marks[measure] = 'primary';
  }
  return marks;
}

function protectedValue(measure: FeedMeasure, value: number | null, policy: SmallCellPolicy): number | null {
  const isCount = (COUNT_MEASURES as readonly FeedMeasure[]).includes(measure);
  if (policy.method === 'round' && isCount && value !== null) return roundToMultiple(value, policy.roundingBase);
  return null;
}

/**
 * Applies the configured small-cell policy (reference/small-cell-policy.v1.json): confidential values are
 * withheld (`suppress`), or for counts rounded to the rounding base (`round`; rates and processing times of
 * such series are withheld either way). Every touched value is marked, so outputs flag it `c`.
 */
export function applySmallCellPolicy(table: FeedTable, policy: SmallCellPolicy): FeedTable {
  const series = table.series.map((entry): FeedSeries => {
    const confidential = confidentialValuesOf(entry, policy);
    const marked = Object.keys(confidential) as FeedMeasure[];
    if (marked.length === 0) return entry;
    const values = { ...entry.values };
    for (const measure of marked) values[measure] = protectedValue(measure, values[measure], policy);
    return { ...entry, values, confidential };
  });
  return { ...table, smallCellPolicy: policy, series };
}
