import { CITIZENSHIP_CODE_SPACE, citizenshipCodeOf } from '../feed/citizenship-code';
import type { FeedReference } from '../feed/feed-reference';
import type { FeedPeriod, FeedQuery, FeedSeries } from '../feed/feed-query';
import { PERMIT_CATEGORIES, SPONSOR_TYPES } from '../feed/permit-category';

function periodNumberOf(period: FeedPeriod): number {
  if (period.kind === 'year') return period.year;
  return period.kind === 'quarter' ? period.year * 4 + period.part - 1 : period.year * 12 + period.part - 1;
}

/**
 * Where a series stands in a feed stream: a number computed from the series' identity alone (period, reason,
 * citizenship, sponsor type) in the same way as the aggregator's sort key (`aggregateFeed` orders series by
 * period, then reason, citizenship and sponsor type, with "all" after every single value). So the entries of
 * a table come in ascending position, a series keeps its position when figures change or other series
 * appear, and resuming after position p yields exactly the series after p. Positions start at 1; 0 means
 * "from the beginning".
 */
export function feedSeriesPosition(series: FeedSeries, query: FeedQuery, reference: FeedReference): number {
  const reasons: readonly string[] = query.reasonAxis === 'group' ? reference.groups.map((group) => group.id) : PERMIT_CATEGORIES;
  const reason = reasons.indexOf(series.reason);
  if (reason < 0) throw new Error(`"${series.reason}" is not a reason of the ${query.reasonAxis} axis`);
  const citizenship = series.citizenship === null ? CITIZENSHIP_CODE_SPACE : citizenshipCodeOf(series.citizenship);
  const sponsorType = series.sponsorType === null ? SPONSOR_TYPES.length : SPONSOR_TYPES.indexOf(series.sponsorType);
  const key =
    ((periodNumberOf(series.period) * reasons.length + reason) * (CITIZENSHIP_CODE_SPACE + 1) + citizenship) * (SPONSOR_TYPES.length + 1) +
    sponsorType;
  return key + 1;
}
