import { loadFeedReference } from '../feed/feed-reference.loader';
import type { FeedQuery } from '../feed/feed-query';
import { renderFeedSdmxCsv } from '../feed/feed-sdmx-csv.renderer';
import { buildFeedTable } from '../feed/feed-table.builder';
import { emptiedTalentFeedSeries, talentFeedSeriesOf } from './talent-feed-series.mapper';
import { ledgerOf, variedFacts } from './talent-feed.fixtures';

const reference = loadFeedReference();
const ledger = ledgerOf(variedFacts(), reference);

describe('feed series as contract rows (gRPC stream, compacted topic)', () => {
  it.each([
    [{ period: 'year', reasonAxis: 'group', byCitizenship: true, bySponsorType: false }, true],
    [{ period: 'quarter', reasonAxis: 'category', byCitizenship: false, bySponsorType: true }, false],
  ] as [FeedQuery, boolean][])('carry exactly the observations of the SDMX-CSV rows (%o, small cells %s)', (query, smallCells) => {
    const table = buildFeedTable(ledger, reference, query, smallCells);
    const csvRows = renderFeedSdmxCsv(table, reference, null)
      .trimEnd()
      .split('\n')
      .slice(1)
      .map((line) => line.split(',').slice(2))
      .map(([freq, indic, reason, citizen, sponsor, unit, geo, time, value, flag, conf]) =>
        [freq, indic, reason, citizen, sponsor, unit, geo, time, value, flag, conf].join(','),
      )
      .sort();
    const rowObservations = table.series
      .map((series) => talentFeedSeriesOf(series, table, reference))
      .flatMap((row) =>
        row.observations.map((o) =>
          [
            row.freq,
            o.indicator,
            row.reason,
            row.citizen,
            row.sponsor,
            o.unit,
            row.geo,
            row.timePeriod,
            o.value ?? '',
            o.obsFlag,
            o.confStatus,
          ].join(','),
        ),
      )
      .sort();
    expect(rowObservations.length).toBeGreaterThan(50);
    expect(rowObservations).toEqual(csvRows);
    if (smallCells) expect(rowObservations.some((row) => row.endsWith(',c,C'))).toBe(true);
  });

  it('keys each row by its SDMX series key and period, unique within a table', () => {
    const query: FeedQuery = { period: 'year', reasonAxis: 'group', byCitizenship: true, bySponsorType: false };
    const table = buildFeedTable(ledger, reference, query);
    const ids = table.series.map((series) => talentFeedSeriesOf(series, table, reference).seriesId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toContain('A.KNOW_MIG.IN.TOTAL.NL:2020');
  });

  it('empties a series to zero counts and no rates', () => {
    const table = buildFeedTable(ledger, reference, { period: 'year', reasonAxis: 'group', byCitizenship: false, bySponsorType: false });
    const emptied = emptiedTalentFeedSeries(talentFeedSeriesOf(table.series[0], table, reference), reference);
    expect(emptied.observations.map((o) => `${o.indicator}=${o.value}`)).toEqual([
      'APPL=0',
      'DEC=0',
      'DEC_GRANT=0',
      'DEC_REFUSE=0',
      'DEC_WITHDRAW=0',
    ]);
    expect(emptied.processingTimeDecisions).toBe(0);
  });
});
