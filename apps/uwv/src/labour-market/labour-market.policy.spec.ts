import { bundledLabourMarketRules } from './labour-market-rules.reference';
import { labourMarketTestNeed, RulesNotInForceError, studentSideJob, twvTerm } from './labour-market.policy';

const rules = bundledLabourMarketRules();

describe('who needs a TWV and the labour-market test (DOMAIN.md §2.4)', () => {
  it.each([
    ['HIGHLY_SKILLED_MIGRANT', false],
    ['EU_BLUE_CARD', false],
    ['RESEARCHER_2016_801', false],
    ['ORIENTATION_YEAR', false],
    ['PARTNER_OF_HSM_OR_RESEARCHER', false],
    ['ESSENTIAL_START_UP_PERSONNEL', false],
    ['STUDENT_SIDE_JOB', true],
    ['REGULAR_LABOUR', true],
  ] as const)('%s in 2026: needed %s', (situation, needed) => {
    const need = labourMarketTestNeed(rules, situation, '2026-12-06');
    expect(need.needed).toBe(needed);
    expect(need.ruleVersion).toBe('labour-market-rules.v1');
    if (!need.needed) expect(need.source.length).toBeGreaterThan(10);
  });

  it('an exempt category needs no TWV and names the source of its exemption', () => {
    const need = labourMarketTestNeed(rules, 'ESSENTIAL_START_UP_PERSONNEL', '2026-03-01');
    expect(need).toMatchObject({ needed: false, exemption: 'ESSENTIAL_START_UP_PERSONNEL' });
    expect(!need.needed && need.source).toContain('art. 1o BuWav');
  });

  it('has no rules before the single permit (2014-04-01): nothing is decided on a guess', () => {
    expect(() => labourMarketTestNeed(rules, 'REGULAR_LABOUR', '2014-03-31')).toThrow(RulesNotInForceError);
  });
});

describe("a student's side job on a TWV (DOMAIN.md §1.4)", () => {
  it.each([
    ['2026-03-02', 16, true],
    ['2026-03-02', 17, false],
    ['2026-05-25', 38, false], // the week starts in May
    ['2026-06-01', 38, true], // full time in June
    ['2026-08-31', 40, true],
    ['2026-09-07', 20, false],
    ['2018-05-22', 12, false], // 10 h before 23 May 2018
    ['2018-05-23', 12, true],
  ] as const)('week of %s, %i h/week: allowed %s', (week, hours, allowed) => {
    expect(studentSideJob(rules, week, hours).allowed).toBe(allowed);
  });

  it('says the weekly maximum of the day when it refuses', () => {
    expect(studentSideJob(rules, '2026-10-05', 20)).toEqual({ allowed: false, maxHoursPerWeek: 16 });
  });
});

describe('the 5-week statutory term of a TWV (DOMAIN.md §2.1), watched like the IND deadlines', () => {
  it.each([
    ['2026-11-02', 'ON_TIME'],
    ['2026-11-29', 'ON_TIME'],
    ['2026-11-30', 'AT_RISK'], // 7 days before the end
    ['2026-12-07', 'AT_RISK'], // the last day
    ['2026-12-08', 'OVERDUE'],
  ] as const)('complete on 2026-11-02, on %s: %s', (today, standing) => {
    expect(twvTerm(rules, '2026-11-02', today)).toEqual({ endsOn: '2026-12-07', standing });
  });

  it('runs across the turn of the year in calendar days', () => {
    expect(twvTerm(rules, '2026-12-20', '2026-12-20').endsOn).toBe('2027-01-24');
  });
});
