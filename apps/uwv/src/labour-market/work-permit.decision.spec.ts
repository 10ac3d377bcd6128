import { bundledLabourMarketRules } from './labour-market-rules.reference';
import { RulesNotInForceError } from './labour-market.policy';
import { judgeLabourMarket, prioritySupplyCheck, type VacancyReport } from './work-permit.decision';

const rules = bundledLabourMarketRules();
const RECEIVED = '2026-03-02';

const vacancy = (reportedOn: string, suitableCandidates: number | null = 0): VacancyReport => ({ reportedOn, suitableCandidates });

describe('the priority-supply check against the vacancy report (art. 8(1)(b) Wav, 5 weeks in the rules)', () => {
  it.each([
    ['no vacancy report', undefined, ['VACANCY_NOT_REPORTED']],
    ['reported 5 weeks before, nobody suitable found', vacancy('2026-01-26', 0), []],
    ['reported 5 weeks less a day before', vacancy('2026-01-27', 0), ['VACANCY_REPORTED_TOO_LATE']],
    ['reported on the day of the application', vacancy(RECEIVED, null), ['VACANCY_REPORTED_TOO_LATE']],
    ['reported in time, suitable priority supply found', vacancy('2026-01-01', 2), ['PRIORITY_SUPPLY_AVAILABLE']],
    ['reported in time, the search has no outcome yet', vacancy('2026-01-01', null), undefined],
  ] as const)('%s: %j', (_name, report, reasons) => {
    expect(prioritySupplyCheck(rules, report, RECEIVED)).toEqual(reasons);
  });
});

describe('UWV judges a TWV application or GVVA advice request on the rules of the day it was received', () => {
  const ask = (situation: Parameters<typeof judgeLabourMarket>[1]['situation'], hoursPerWeek = 40, workStartsOn = '2026-03-09') => ({
    situation,
    receivedOn: RECEIVED,
    workStartsOn,
    hoursPerWeek,
  });

  it.each(['HIGHLY_SKILLED_MIGRANT', 'EU_BLUE_CARD', 'RESEARCHER_2016_801', 'ORIENTATION_YEAR', 'ESSENTIAL_START_UP_PERSONNEL'] as const)(
    '%s needs no TWV, whatever the vacancy, and names its source',
    (situation) => {
      const judgement = judgeLabourMarket(rules, ask(situation), undefined);
      expect(judgement).toMatchObject({ outcome: 'NOT_REQUIRED', reasons: [], ruleVersion: 'labour-market-rules.v1' });
      expect(judgement.exemptionSource).toContain('DOMAIN.md');
    },
  );

  it.each([
    [16, '2026-03-09', 'GRANTED', []],
    [17, '2026-03-09', 'REFUSED', ['SIDE_JOB_HOURS_EXCEEDED']],
    [40, '2026-07-06', 'GRANTED', []], // full time in July
    [40, '2026-09-07', 'REFUSED', ['SIDE_JOB_HOURS_EXCEEDED']],
  ] as const)('a student side job of %d h a week from %s: %s', (hours, from, outcome, reasons) => {
    expect(judgeLabourMarket(rules, ask('STUDENT_SIDE_JOB', hours, from), undefined)).toMatchObject({ outcome, reasons });
  });

  it.each([
    [undefined, 'REFUSED', ['VACANCY_NOT_REPORTED']],
    [vacancy('2026-02-20', null), 'REFUSED', ['VACANCY_REPORTED_TOO_LATE']],
    [vacancy('2026-01-05', null), 'PENDING', []],
    [vacancy('2026-01-05', 0), 'GRANTED', []],
    [vacancy('2026-01-05', 3), 'REFUSED', ['PRIORITY_SUPPLY_AVAILABLE']],
  ] as const)('regular labour with vacancy %j: %s', (report, outcome, reasons) => {
    expect(judgeLabourMarket(rules, ask('REGULAR_LABOUR'), report)).toMatchObject({ outcome, reasons });
  });

  it('runs the 5-week term from the day of receipt', () => {
    expect(judgeLabourMarket(rules, ask('REGULAR_LABOUR'), undefined).termEndsOn).toBe('2026-04-06');
  });

  it('decides nothing on a day without rules', () => {
    expect(() => judgeLabourMarket(rules, { ...ask('REGULAR_LABOUR'), receivedOn: '2014-03-31' }, undefined)).toThrow(RulesNotInForceError);
  });
});
