import { loadFeedReference } from '../feed/feed-reference.loader';
import type { FeedQuery } from '../feed/feed-query';
import { buildFeedTable } from '../feed/feed-table.builder';
import { feedSeriesPosition } from './feed-position';
import { ledgerOf, variedFacts } from './talent-feed.fixtures';

const reference = loadFeedReference();
const ledger = ledgerOf(variedFacts(), reference);

const QUERIES: FeedQuery[] = [
  { period: 'year', reasonAxis: 'group', byCitizenship: false, bySponsorType: false },
  { period: 'quarter', reasonAxis: 'category', byCitizenship: true, bySponsorType: false },
  { period: 'month', reasonAxis: 'group', byCitizenship: true, bySponsorType: true },
  { period: 'year', reasonAxis: 'category', byCitizenship: false, bySponsorType: true, fromYear: 2020, toYear: 2021 },
];

describe('positions in a feed stream', () => {
  it.each(QUERIES)('rise strictly in the order the aggregator lists the series (%o)', (query) => {
    const table = buildFeedTable(ledger, reference, query, false);
    const positions = table.series.map((series) => feedSeriesPosition(series, query, reference));
    expect(table.series.length).toBeGreaterThanOrEqual(8);
    expect(positions[0]).toBeGreaterThan(0);
    positions.slice(1).forEach((position, i) => expect(position).toBeGreaterThan(positions[i]));
  });

  it('keep a series at the same position when other series appear or figures change', () => {
    const query = QUERIES[2];
    const before = buildFeedTable(ledgerOf(variedFacts(200), reference), reference, query, false);
    const after = buildFeedTable(ledger, reference, query, false);
    const key = (s: (typeof after.series)[number]) => `${s.period.label}/${s.reason}/${s.citizenship}/${s.sponsorType}`;
    const positionsAfter = new Map(after.series.map((s) => [key(s), feedSeriesPosition(s, query, reference)]));
    expect(after.series.length).toBeGreaterThan(before.series.length);
    for (const series of before.series) {
      expect(positionsAfter.get(key(series))).toBe(feedSeriesPosition(series, query, reference));
    }
  });
});
