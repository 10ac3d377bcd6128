import type { ApplicationFact } from './application-fact';
import { ApplicationFactValidator } from './application-fact.validator';
import { ApplicationLedger } from './application.ledger';
import { aggregateFeed } from './feed.aggregator';
import type { FeedReference } from './feed-reference';
import { loadFeedReference } from './feed-reference.loader';
import { NATIONAL_ANNUAL_BY_GROUP, type FeedQuery, type FeedSeries, type FeedTable } from './feed-query';

const reference = loadFeedReference();
const validator = new ApplicationFactValidator(reference.citizenships);

function record(ledger: ApplicationLedger, ...facts: ApplicationFact[]): void {
  for (const fact of facts) {
    const result = validator.validate(fact);
    if (!result.ok) throw new Error(`bad fixture ${fact.applicationId}: ${JSON.stringify(result.problems)}`);
    ledger.record(result.fact);
  }
}

function ledgerOf(...facts: ApplicationFact[]): ApplicationLedger {
  const ledger = new ApplicationLedger();
  record(ledger, ...facts);
  return ledger;
}

function series(table: FeedTable, reason: string, period: string, citizenship: string | null = null): FeedSeries {
  const found = table.series.find((s) => s.reason === reason && s.period.label === period && s.citizenship === citizenship);
  if (found === undefined) throw new Error(`no series ${reason} ${period} ${citizenship ?? ''}`);
  return found;
}

let next = 0;
function fact(overrides: Partial<ApplicationFact> = {}): ApplicationFact {
  next++;
  return {
    applicationId: `T-${next}`,
    category: 'HIGHLY_SKILLED_MIGRANT',
    citizenship: 'IN',
    submittedOn: '2022-03-01',
    decidedOn: '2022-03-15',
    decision: 'GRANTED',
    ...overrides,
  };
}

function pending(overrides: Partial<ApplicationFact> = {}): ApplicationFact {
  const { decidedOn: _d, decision: _x, ...rest } = fact(overrides);
  return rest;
}

function times<T>(count: number, make: (i: number) => T): T[] {
  return Array.from({ length: count }, (_, i) => make(i));
}

const annual = (ledger: ApplicationLedger, query: Partial<FeedQuery> = {}, ref: FeedReference = reference): FeedTable =>
  aggregateFeed(ledger, ref, { ...NATIONAL_ANNUAL_BY_GROUP, ...query });

describe('feed aggregation', () => {
  it('counts applications by submission year and decisions by decision year, so a year decides earlier submissions', () => {
    const table = annual(ledgerOf(fact({ submittedOn: '2021-12-20', decidedOn: '2022-01-10' })));
    expect(series(table, 'KNOWLEDGE_MIGRANTS', '2021').values).toMatchObject({ applications: 1, decisions: 0 });
    expect(series(table, 'KNOWLEDGE_MIGRANTS', '2022').values).toMatchObject({ applications: 0, decisions: 1, granted: 1 });
  });

  it('rounds the grant rate half up to a whole percent: 199 of 200 (99.5 %) is 100 %', () => {
    const ledger = ledgerOf(...times(199, () => fact()), fact({ decision: 'REFUSED' }));
    expect(series(annual(ledger), 'KNOWLEDGE_MIGRANTS', '2022').values.grantRatePercent).toBe(100);
  });

  it('rounds 99.45 % down to 99 %', () => {
    const ledger = ledgerOf(...times(1989, () => fact()), ...times(11, () => fact({ decision: 'REFUSED' })));
    expect(series(annual(ledger), 'KNOWLEDGE_MIGRANTS', '2022').values.grantRatePercent).toBe(99);
  });

  it('counts withdrawals as decisions that are neither granted nor refused, lowering the grant rate', () => {
    const ledger = ledgerOf(fact(), fact(), fact({ decision: 'WITHDRAWN' }), fact({ decision: 'REFUSED' }));
    expect(series(annual(ledger), 'KNOWLEDGE_MIGRANTS', '2022').values).toMatchObject({
      decisions: 4,
      granted: 2,
      refused: 1,
      withdrawn: 1,
      grantRatePercent: 50,
    });
  });

  it('counts a pending application as an application but not as a decision', () => {
    const values = series(annual(ledgerOf(pending(), fact())), 'KNOWLEDGE_MIGRANTS', '2022').values;
    expect(values).toMatchObject({ applications: 2, decisions: 1, granted: 1, grantRatePercent: 100 });
  });

  it('has no grant rate and no processing times in a period without decisions', () => {
    const values = series(annual(ledgerOf(pending())), 'KNOWLEDGE_MIGRANTS', '2022').values;
    expect(values.grantRatePercent).toBeNull();
    expect(values.processingMedianDays).toBeNull();
    expect(values.withinStatutoryPeriodPercent).toBeNull();
  });

  it('changes nothing when the same facts are recorded twice', () => {
    const facts = [fact(), pending(), fact({ decision: 'REFUSED', category: 'STUDENT' })];
    const once = ledgerOf(...facts);
    const twice = ledgerOf(...facts, ...facts);
    expect(twice.size).toBe(3);
    expect(annual(twice)).toEqual(annual(once));
  });

  it('updates the counts when a pending application is later decided', () => {
    const ledger = ledgerOf(pending({ applicationId: 'LATE-1', submittedOn: '2021-11-01' }));
    expect(series(annual(ledger), 'KNOWLEDGE_MIGRANTS', '2021').values.decisions).toBe(0);

    record(ledger, fact({ applicationId: 'LATE-1', submittedOn: '2021-11-01', decidedOn: '2022-01-05', decision: 'REFUSED' }));
    const table = annual(ledger);
    expect(series(table, 'KNOWLEDGE_MIGRANTS', '2021').values.applications).toBe(1);
    expect(series(table, 'KNOWLEDGE_MIGRANTS', '2022').values).toMatchObject({ decisions: 1, refused: 1, grantRatePercent: 0 });
  });

  it('moves an application between groups when a later fact corrects its category', () => {
    const ledger = ledgerOf(fact({ applicationId: 'FIX-1' }));
    record(ledger, fact({ applicationId: 'FIX-1', category: 'STUDENT' }));
    const table = annual(ledger);
    expect(series(table, 'KNOWLEDGE_MIGRANTS', '2022').values.applications).toBe(0);
    expect(series(table, 'STUDENTS', '2022').values.applications).toBe(1);
  });

  it('counts both default group categories in knowledge migrants and leaves other categories out of every group', () => {
    const ledger = ledgerOf(fact(), fact({ category: 'EU_BLUE_CARD' }), fact({ category: 'START_UP' }));
    const table = annual(ledger);
    expect(series(table, 'KNOWLEDGE_MIGRANTS', '2022').values.applications).toBe(2);
    expect(series(table, 'STUDENTS', '2022').values.applications).toBe(0);
    expect(annual(ledger, { reasonAxis: 'category' }).series.find((s) => s.reason === 'START_UP')?.values.applications).toBe(1);
  });

  it('takes groups from reference data: an application counts in every group that lists its category', () => {
    const custom: FeedReference = {
      ...reference,
      groups: [...reference.groups, { id: 'ALL_TALENT', label: 'All talent', categories: ['HIGHLY_SKILLED_MIGRANT', 'STUDENT'] }],
    };
    const table = annual(ledgerOf(fact(), fact({ category: 'STUDENT' })), {}, custom);
    expect(series(table, 'ALL_TALENT', '2022').values.applications).toBe(2);
    expect(series(table, 'KNOWLEDGE_MIGRANTS', '2022').values.applications).toBe(1);
  });

  it('computes median and p90 processing days by nearest rank', () => {
    // 1..10 days: nearest-rank median is the 5th value, p90 the 9th.
    const ledger = ledgerOf(
      ...times(10, (i) => fact({ submittedOn: '2022-03-01', decidedOn: `2022-03-${String(2 + i).padStart(2, '0')}` })),
    );
    const values = series(annual(ledger), 'KNOWLEDGE_MIGRANTS', '2022').values;
    expect(values.processingMedianDays).toBe(5);
    expect(values.processingP90Days).toBe(9);
  });

  it('measures processing time over granted and refused decisions only, not withdrawals', () => {
    const ledger = ledgerOf(
      fact({ submittedOn: '2022-01-01', decidedOn: '2022-01-11' }),
      fact({ submittedOn: '2022-01-01', decidedOn: '2022-01-21', decision: 'REFUSED' }),
      fact({ submittedOn: '2022-01-01', decidedOn: '2022-12-01', decision: 'WITHDRAWN' }),
    );
    const s = series(annual(ledger), 'KNOWLEDGE_MIGRANTS', '2022');
    expect(s.processingTimeDecisions).toBe(2);
    expect(s.values.processingP90Days).toBe(20);
  });

  it('shares decided within 30 days and within the statutory period (90 days; 60 for students)', () => {
    // Received in 2025: inside the IND's decision-period table (from 2024-06-12).
    const ledger = ledgerOf(
      fact({ submittedOn: '2025-01-01', decidedOn: '2025-01-31' }), // 30 days
      fact({ submittedOn: '2025-01-01', decidedOn: '2025-02-01' }), // 31
      fact({ submittedOn: '2025-01-01', decidedOn: '2025-04-01' }), // 90
      fact({ submittedOn: '2025-01-01', decidedOn: '2025-04-02' }), // 91
      fact({ category: 'STUDENT', submittedOn: '2025-01-01', decidedOn: '2025-03-02' }), // 60
      fact({ category: 'STUDENT', submittedOn: '2025-01-01', decidedOn: '2025-03-03' }), // 61
    );
    const table = annual(ledger);
    expect(series(table, 'KNOWLEDGE_MIGRANTS', '2025').values).toMatchObject({
      withinEuTargetPercent: 25,
      withinStatutoryPeriodPercent: 75,
    });
    expect(series(table, 'STUDENTS', '2025').values).toMatchObject({ withinEuTargetPercent: 0, withinStatutoryPeriodPercent: 50 });
  });

  it('gives an EU Blue Card with a recognised sponsor 30 statutory days and one without 90', () => {
    // Received after 2024-06-12, when the 30-day period came in (Directive (EU) 2021/1883; the IND's own table).
    const ledger = ledgerOf(
      fact({ category: 'EU_BLUE_CARD', sponsorType: 'RECOGNISED_SPONSOR', submittedOn: '2025-01-01', decidedOn: '2025-02-15' }),
      fact({ category: 'EU_BLUE_CARD', sponsorType: 'NON_RECOGNISED_SPONSOR', submittedOn: '2025-01-01', decidedOn: '2025-02-15' }),
    );
    const bySponsor = annual(ledger, { reasonAxis: 'category', bySponsorType: true });
    const of = (sponsorType: string): FeedSeries | undefined =>
      bySponsor.series.find((s) => s.reason === 'EU_BLUE_CARD' && s.sponsorType === sponsorType);
    expect(of('RECOGNISED_SPONSOR')?.values.withinStatutoryPeriodPercent).toBe(0);
    expect(of('NON_RECOGNISED_SPONSOR')?.values.withinStatutoryPeriodPercent).toBe(100);
  });

  it('computes no statutory share for applications received before the IND table starts, and still the EU target', () => {
    // The table starts on 2024-06-12; it used to be applied to all history (the Blue Card's 30 days back to 2015).
    const ledger = ledgerOf(
      fact({ category: 'EU_BLUE_CARD', sponsorType: 'RECOGNISED_SPONSOR', submittedOn: '2024-06-11', decidedOn: '2024-07-01' }), // 20 days
      fact({ category: 'EU_BLUE_CARD', sponsorType: 'RECOGNISED_SPONSOR', submittedOn: '2024-06-12', decidedOn: '2024-07-27' }), // 45 days
    );
    const byCategory = annual(ledger, { reasonAxis: 'category', bySponsorType: true });
    const blueCard = byCategory.series.find((s) => s.reason === 'EU_BLUE_CARD' && s.sponsorType === 'RECOGNISED_SPONSOR');
    // Only the second has a period (30 days, missed); the first would have counted as in time under the old copy.
    expect(blueCard?.values).toMatchObject({ decisions: 2, withinEuTargetPercent: 50, withinStatutoryPeriodPercent: 0 });
    const only2015 = annual(ledgerOf(fact({ submittedOn: '2015-01-01', decidedOn: '2015-01-11' })));
    expect(series(only2015, 'KNOWLEDGE_MIGRANTS', '2015').values).toMatchObject({
      withinEuTargetPercent: 100,
      withinStatutoryPeriodPercent: null,
    });
  });

  it('shows only the requested years but still counts decisions on applications submitted before them', () => {
    const ledger = ledgerOf(
      fact({ submittedOn: '2014-12-01', decidedOn: '2015-01-20' }),
      fact({ submittedOn: '2016-05-01', decidedOn: '2016-05-20' }),
    );
    const table = annual(ledger, { fromYear: 2015, toYear: 2015 });
    expect(table.series.map((s) => s.period.label)).toEqual(['2015', '2015']);
    expect(series(table, 'KNOWLEDGE_MIGRANTS', '2015').values).toMatchObject({ applications: 0, decisions: 1 });
  });

  it('lists every group in every year of the data, with zeros where nothing happened', () => {
    const table = annual(
      ledgerOf(fact({ submittedOn: '2019-01-01', decidedOn: '2019-01-10' }), fact({ submittedOn: '2021-01-01', decidedOn: '2021-01-10' })),
    );
    expect(table.series.map((s) => `${s.reason} ${s.period.label}`)).toEqual([
      'KNOWLEDGE_MIGRANTS 2019',
      'STUDENTS 2019',
      'KNOWLEDGE_MIGRANTS 2020',
      'STUDENTS 2020',
      'KNOWLEDGE_MIGRANTS 2021',
      'STUDENTS 2021',
    ]);
    expect(series(table, 'KNOWLEDGE_MIGRANTS', '2020').values.applications).toBe(0);
  });

  it('labels quarters and months as SDMX time periods and files each fact in its own', () => {
    const ledger = ledgerOf(fact({ submittedOn: '2022-03-31', decidedOn: '2022-04-01' }));
    const quarters = annual(ledger, { period: 'quarter' });
    expect(series(quarters, 'KNOWLEDGE_MIGRANTS', '2022-Q1').values).toMatchObject({ applications: 1, decisions: 0 });
    expect(series(quarters, 'KNOWLEDGE_MIGRANTS', '2022-Q2').values).toMatchObject({ applications: 0, decisions: 1 });
    const months = annual(ledger, { period: 'month' });
    expect(series(months, 'KNOWLEDGE_MIGRANTS', '2022-03').period).toEqual({ kind: 'month', year: 2022, part: 3, label: '2022-03' });
    expect(series(months, 'KNOWLEDGE_MIGRANTS', '2022-04').values.decisions).toBe(1);
  });

  it('breaks down by citizenship, listing only citizenships that occur', () => {
    const table = annual(ledgerOf(fact({ citizenship: 'IN' }), fact({ citizenship: 'IN' }), fact({ citizenship: 'CN' })), {
      byCitizenship: true,
    });
    expect(table.series.map((s) => `${s.reason} ${s.citizenship} ${s.values.applications}`)).toEqual([
      'KNOWLEDGE_MIGRANTS CN 1',
      'KNOWLEDGE_MIGRANTS IN 2',
    ]);
  });

  it('reports the latest date in the input as the as-of date, pending submissions included', () => {
    expect(annual(ledgerOf(fact({ decidedOn: '2022-05-01' }), pending({ submittedOn: '2022-06-30' }))).asOf).toBe(
      Date.UTC(2022, 5, 30) / 86_400_000,
    );
    expect(annual(new ApplicationLedger()).asOf).toBeNull();
  });
});
