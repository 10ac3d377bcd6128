import { epochDayOf } from '@welkom/platform';
import type { ApplicationFact } from './application-fact';
import { ApplicationFactValidator } from './application-fact.validator';
import { ApplicationLedger } from './application.ledger';
import type { FeedReference } from './feed-reference';
import { loadFeedReference } from './feed-reference.loader';
import { NATIONAL_ANNUAL_BY_GROUP, type FeedQuery } from './feed-query';
import { renderFeed } from './feed-format.renderer';
import { renderFeedJson } from './feed-json.renderer';
import { formatLastUpdate, renderFeedSdmxCsv } from './feed-sdmx-csv.renderer';
import { renderFeedSvg } from './feed-svg.renderer';
import { renderFeedTable } from './feed-table.renderer';
import { buildFeedTable } from './feed-table.builder';

const reference = loadFeedReference();
const validator = new ApplicationFactValidator(reference.citizenships);

function ledgerOf(facts: ApplicationFact[]): ApplicationLedger {
  const ledger = new ApplicationLedger();
  for (const fact of facts) {
    const result = validator.validate(fact);
    if (!result.ok) throw new Error(JSON.stringify(result.problems));
    ledger.record(result.fact);
  }
  return ledger;
}

const facts: ApplicationFact[] = [
  ...Array.from({ length: 40 }, (_, i): ApplicationFact => ({
    applicationId: `K-${i}`,
    category: 'HIGHLY_SKILLED_MIGRANT',
    citizenship: i < 38 ? 'IN' : 'IS',
    submittedOn: '2021-12-01',
    decidedOn: '2022-01-10',
    decision: i === 0 ? 'REFUSED' : 'GRANTED',
  })),
  { applicationId: 'S-1', category: 'STUDENT', citizenship: 'CN', submittedOn: '2022-06-01' },
];
const ledger = ledgerOf(facts);
// The renderers are shown raw national figures and protected breakdowns, so both kinds of value are rendered.
const table = (query: Partial<FeedQuery> = {}, smallCells: boolean = query.byCitizenship === true) =>
  buildFeedTable(ledger, reference, { ...NATIONAL_ANNUAL_BY_GROUP, ...query }, smallCells);

describe('SDMX-CSV renderer', () => {
  const csv = renderFeedSdmxCsv(table(), reference, { day: epochDayOf(2023, 1, 31), secondOfDay: 11 * 3600 });
  const lines = csv.trimEnd().split('\n');

  it('writes the MIGR_RESFIRST-style columns with our dimensions from reference data', () => {
    expect(lines[0]).toBe('DATAFLOW,LAST UPDATE,freq,indic,reason,citizen,sponsor,unit,geo,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS');
  });

  it('writes one observation per line with the dataflow, a fixed LAST UPDATE and reference codes', () => {
    expect(lines).toContain('WELKOM:TALENT_FEED(1.0),31/01/23 11:00:00,A,APPL,KNOW_MIG,TOTAL,TOTAL,NR,NL,2021,40,,');
    expect(lines).toContain('WELKOM:TALENT_FEED(1.0),31/01/23 11:00:00,A,GRANT_RT,KNOW_MIG,TOTAL,TOTAL,PC,NL,2022,98,,');
    expect(lines).toContain('WELKOM:TALENT_FEED(1.0),31/01/23 11:00:00,A,PROC_MED,KNOW_MIG,TOTAL,TOTAL,DAY,NL,2022,40,,');
  });

  it('leaves out figures that do not apply, such as a grant rate without decisions', () => {
    expect(lines.filter((l) => l.includes(',GRANT_RT,') && l.includes(',2021,'))).toEqual([]);
    expect(lines.filter((l) => l.includes(',GRANT_RT,STUDY,'))).toEqual([]);
  });

  it('orders rows by series key, then time', () => {
    const keys = lines.slice(1).map((l) => l.split(',').slice(2, 9).join(','));
    const firstApplicationRows = lines.slice(1, 5).map((l) => l.split(',').slice(3, 5).concat(l.split(',')[9]).join(' '));
    expect(firstApplicationRows).toEqual(['APPL KNOW_MIG 2021', 'APPL KNOW_MIG 2022', 'APPL STUDY 2021', 'APPL STUDY 2022']);
    expect(new Set(keys).size).toBeLessThan(keys.length);
  });

  it('flags withheld values c with an empty value and a confidentiality status', () => {
    const byCitizenship = renderFeedSdmxCsv(table({ byCitizenship: true }), reference, null).split('\n');
    expect(byCitizenship).toContain('WELKOM:TALENT_FEED(1.0),,A,APPL,KNOW_MIG,IS,TOTAL,NR,NL,2021,,c,C');
    expect(byCitizenship).toContain('WELKOM:TALENT_FEED(1.0),,A,DEC_REFUSE,KNOW_MIG,IN,TOTAL,NR,NL,2022,,c,C');
    expect(byCitizenship).toContain('WELKOM:TALENT_FEED(1.0),,A,DEC_GRANT,KNOW_MIG,IN,TOTAL,NR,NL,2022,,c,D');
    expect(byCitizenship).toContain('WELKOM:TALENT_FEED(1.0),,A,APPL,KNOW_MIG,IN,TOTAL,NR,NL,2021,38,,');
  });

  it('takes every code from the reference file, not from code', () => {
    const renamed: FeedReference = {
      ...reference,
      dataflow: {
        ...reference.dataflow,
        dataflowRef: 'NL1:OTHER(2.0)',
        groupReason: new Map([
          ['KNOWLEDGE_MIGRANTS', 'KM'],
          ['STUDENTS', 'ST'],
        ]),
        geo: 'NL0',
        dimensions: [...reference.dataflow.dimensions].reverse(),
      },
    };
    const other = renderFeedSdmxCsv(table(), renamed, null).split('\n');
    expect(other[0]).toBe('DATAFLOW,LAST UPDATE,geo,unit,sponsor,citizen,reason,indic,freq,TIME_PERIOD,OBS_VALUE,OBS_FLAG,CONF_STATUS');
    expect(other).toContain('NL1:OTHER(2.0),,NL0,NR,TOTAL,TOTAL,KM,APPL,A,2021,40,,');
  });

  it('formats LAST UPDATE as Eurostat does and defaults it to the as-of date, not the clock', () => {
    expect(formatLastUpdate({ day: epochDayOf(2026, 5, 22), secondOfDay: 11 * 3600 + 5 })).toBe('22/05/26 11:00:05');
    expect(renderFeed(table(), 'sdmx-csv', reference).split('\n')[1]).toContain(',01/06/22 00:00:00,');
  });
});

describe('JSON renderer', () => {
  it('writes one object per group and year with the figures the issue names', () => {
    const json = JSON.parse(renderFeedJson(table(), reference)) as { asOf: string; series: Record<string, unknown>[] };
    expect(json.asOf).toBe('2022-06-01');
    expect(json.series).toHaveLength(4);
    expect(json.series[2]).toMatchObject({
      group: 'KNOWLEDGE_MIGRANTS',
      year: 2022,
      applications: 0,
      decisions: 40,
      granted: 39,
      refused: 1,
      grantRatePercent: 98,
      processingMedianDays: 40,
      withinEuTargetPercent: 0,
      // Applications received in 2021: the IND's decision-period table starts on 2024-06-12 (earlier periods not
      // researched), so no statutory period is known and the share is not computed rather than guessed.
      withinStatutoryPeriodPercent: null,
    });
    expect(json.series[2]).not.toHaveProperty('confidential');
  });

  it('lists withheld figures per series and names the policy applied', () => {
    const json = JSON.parse(renderFeedJson(table({ byCitizenship: true }), reference)) as {
      smallCellPolicy: unknown;
      series: { citizenship: string; year: number; applications: number | null; confidential?: string[] }[];
    };
    expect(json.smallCellPolicy).toEqual({ method: 'suppress', threshold: 10, roundingBase: 5 });
    const iceland2021 = json.series.find((s) => s.citizenship === 'IS' && s.year === 2021);
    expect(iceland2021).toMatchObject({ applications: null, confidential: ['applications'] });
  });

  it('adds quarter or month fields for shorter periods', () => {
    const json = JSON.parse(renderFeedJson(table({ period: 'quarter' }), reference)) as { series: Record<string, unknown>[] };
    expect(json.series[0]).toMatchObject({ group: 'KNOWLEDGE_MIGRANTS', year: 2021, quarter: 4, period: '2021-Q4' });
  });
});

describe('table renderer', () => {
  it('prints aligned rows with labels, thousands separators and "-" where a figure does not apply', () => {
    const text = renderFeedTable(table(), reference);
    expect(text).toContain('Knowledge migrants  2022             0         40       39        1          0        98 %');
    expect(text).toMatch(/Students\s+2021\s+0\s+0\s+0\s+0\s+0\s+-/);
  });

  it('marks confidential values c', () => {
    expect(renderFeedTable(table({ byCitizenship: true }), reference)).toMatch(/Knowledge migrants\s+2021\s+IS\s+c\s/);
  });
});

describe('SVG renderer', () => {
  const svg = renderFeedSvg(table(), reference);

  it('draws a bar per group, year and count, and a grant-rate point per year with decisions', () => {
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
    expect(svg.trimEnd().endsWith('</svg>')).toBe(true);
    expect(svg.match(/<rect class="bar applications"/g)).toHaveLength(2 * 2);
    expect(svg.match(/<rect class="bar decisions"/g)).toHaveLength(2 * 2);
    expect(svg).toContain('<title>2022 grant rate: 98 %</title>');
    expect(svg.match(/<circle class="grant-rate"/g)).toHaveLength(1);
  });

  it('only charts the annual table per group', () => {
    expect(() => renderFeedSvg(table({ period: 'month' }), reference)).toThrow(/annual table per group/);
  });
});
