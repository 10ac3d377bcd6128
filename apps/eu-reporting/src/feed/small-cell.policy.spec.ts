import type { FeedMeasure, SmallCellPolicy } from './feed-reference';
import type { FeedSeries, FeedTable } from './feed-query';
import { NATIONAL_ANNUAL_BY_GROUP } from './feed-query';
import { applySmallCellPolicy } from './small-cell.policy';

const suppress: SmallCellPolicy = { threshold: 10, method: 'suppress', roundingBase: 5 };
const round: SmallCellPolicy = { ...suppress, method: 'round' };

function seriesWith(values: Partial<Record<FeedMeasure, number | null>>, processingTimeDecisions = 100): FeedSeries {
  return {
    period: { kind: 'year', year: 2022, part: 0, label: '2022' },
    reason: 'KNOWLEDGE_MIGRANTS',
    citizenship: 'IS',
    sponsorType: null,
    values: {
      applications: 500,
      decisions: 500,
      granted: 450,
      refused: 30,
      withdrawn: 20,
      grantRatePercent: 90,
      processingMedianDays: 20,
      processingP90Days: 60,
      withinEuTargetPercent: 70,
      withinStatutoryPeriodPercent: 95,
      ...values,
    },
    confidential: {},
    processingTimeDecisions,
  };
}

function protect(series: FeedSeries, policy = suppress): FeedSeries {
  const table: FeedTable = { query: NATIONAL_ANNUAL_BY_GROUP, asOf: null, smallCellPolicy: null, series: [series] };
  const result = applySmallCellPolicy(table, policy);
  expect(result.smallCellPolicy).toBe(policy);
  return result.series[0];
}

describe('small-cell policy', () => {
  it('leaves series without small counts as they are, zeros included', () => {
    const series = seriesWith({ withdrawn: 0, refused: 50 });
    expect(protect(series)).toBe(series);
  });

  it('withholds a count from 1 up to the threshold and flags it primary', () => {
    const result = protect(seriesWith({ applications: 9 }));
    expect(result.values.applications).toBeNull();
    expect(result.confidential).toEqual({ applications: 'primary' });
    expect(protect(seriesWith({ applications: 10 })).confidential).toEqual({});
  });

  it('also withholds the other decision outcomes and the grant rate, which would reveal a small outcome', () => {
    const result = protect(seriesWith({ refused: 3, withdrawn: 47 }));
    expect(result.confidential).toEqual({
      refused: 'primary',
      granted: 'complementary',
      withdrawn: 'complementary',
      grantRatePercent: 'complementary',
    });
    expect(result.values).toMatchObject({ decisions: 500, granted: null, refused: null, withdrawn: null, grantRatePercent: null });
  });

  it('withholds processing times measured over fewer decisions than the threshold', () => {
    const result = protect(seriesWith({}, 4));
    expect(result.values.processingMedianDays).toBeNull();
    expect(result.confidential.withinStatutoryPeriodPercent).toBe('primary');
  });

  it('rounds confidential counts to the base instead when configured, still withholding rates', () => {
    const result = protect(seriesWith({ applications: 8, refused: 3, withdrawn: 47 }), round);
    expect(result.values).toMatchObject({ applications: 10, refused: 5, withdrawn: 45, granted: 450, grantRatePercent: null });
    expect(result.confidential.applications).toBe('primary');
  });
});
