import { ReferenceDataError } from '@welkom/reference-data';
import { bundledSelfEmployedPointsRules, parseSelfEmployedPointsRules, type PointPart } from './self-employed-points.reference';
import { PointsRulesNotInForceError, scoreSelfEmployed, type SelfEmployedFacts } from './self-employed-score.policy';
import pointsJson from '../../reference/self-employed-points.v1.json';

const rules = bundledSelfEmployedPointsRules();

const applicant: SelfEmployedFacts = {
  scoredOn: '2026-04-01',
  nationality: 'IN',
  euLongTermResidentElsewhere: false,
  highlyEducated: false,
  completedStartUpTrajectoryMonths: 0,
  points: { PERSONAL_EXPERIENCE: 40, BUSINESS_PLAN: 30, ADDED_VALUE: 30 },
};

const scored = (points: Record<PointPart, number>, change: Partial<SelfEmployedFacts> = {}) =>
  scoreSelfEmployed({ ...applicant, ...change, points }, rules);

describe('self-employed points system', () => {
  describe('the standard thresholds: at least 90 in total and 30 per part', () => {
    it.each<[string, [number, number, number], string, string[]]>([
      ['exactly 30 + 30 + 30 = 90', [30, 30, 30], 'POSITIVE', []],
      ['the maximum 100 + 100 + 100 = 300', [100, 100, 100], 'POSITIVE', []],
      ['30 + 30 + 29: part and total short', [30, 30, 29], 'NEGATIVE', ['TOTAL_BELOW_MINIMUM', 'PART_BELOW_MINIMUM:ADDED_VALUE']],
      ['100 + 100 + 29: total far above 90, one part short', [100, 100, 29], 'NEGATIVE', ['PART_BELOW_MINIMUM:ADDED_VALUE']],
      ['29 + 100 + 100: the first part short', [29, 100, 100], 'NEGATIVE', ['PART_BELOW_MINIMUM:PERSONAL_EXPERIENCE']],
      [
        '0 + 0 + 0',
        [0, 0, 0],
        'NEGATIVE',
        [
          'TOTAL_BELOW_MINIMUM',
          'PART_BELOW_MINIMUM:PERSONAL_EXPERIENCE',
          'PART_BELOW_MINIMUM:BUSINESS_PLAN',
          'PART_BELOW_MINIMUM:ADDED_VALUE',
        ],
      ],
    ])('%s: %j → %s', (_case, [experience, plan, value], outcome, findings) => {
      const advice = scored({ PERSONAL_EXPERIENCE: experience, BUSINESS_PLAN: plan, ADDED_VALUE: value });
      expect(advice.outcome).toBe(outcome);
      if (advice.outcome === 'EXEMPT') throw new Error('not exempt');
      expect(advice.findings.map((f) => (f.code === 'PART_BELOW_MINIMUM' ? `${f.code}:${f.part}` : f.code))).toEqual(findings);
      expect(advice.total).toBe(experience + plan + value);
      expect(advice.ruleVersion).toBe('self-employed-points.v1');
    });
  });

  describe('the highly-educated variant: 45 + 45 on parts 1 and 2 suffices', () => {
    it.each<[string, [number, number, number], string]>([
      ['45 + 45 + 0', [45, 45, 0], 'POSITIVE'],
      ['44 + 46 + 0', [44, 46, 0], 'NEGATIVE'],
      ['45 + 44 + 0', [45, 44, 0], 'NEGATIVE'],
      ['30 + 30 + 30 (the standard route passes first)', [30, 30, 30], 'POSITIVE'],
    ])('a highly-educated applicant scoring %s (%j) → %s', (_case, [experience, plan, value], outcome) => {
      const advice = scored({ PERSONAL_EXPERIENCE: experience, BUSINESS_PLAN: plan, ADDED_VALUE: value }, { highlyEducated: true });
      expect(advice.outcome).toBe(outcome);
    });

    it('does not apply to an applicant who is not highly educated', () => {
      expect(scored({ PERSONAL_EXPERIENCE: 45, BUSINESS_PLAN: 45, ADDED_VALUE: 0 })).toMatchObject({
        outcome: 'NEGATIVE',
        variant: 'STANDARD',
      });
    });

    it('names the variant it passed on', () => {
      expect(scored({ PERSONAL_EXPERIENCE: 45, BUSINESS_PLAN: 45, ADDED_VALUE: 0 }, { highlyEducated: true })).toMatchObject({
        outcome: 'POSITIVE',
        variant: 'HIGHLY_EDUCATED',
        findings: [],
      });
    });
  });

  describe('exemptions: the points system is not applied', () => {
    it.each<[string, Partial<SelfEmployedFacts>, string]>([
      ['a Turkish national', { nationality: 'TR' }, 'TURKISH_NATIONAL'],
      ['an EU long-term resident of another member state', { euLongTermResidentElsewhere: true }, 'EU_LONG_TERM_RESIDENT'],
      ['a US national (DAFT)', { nationality: 'US' }, 'DAFT'],
      ['a Japanese national (treaty route)', { nationality: 'JP' }, 'JAPAN_TREATY'],
    ])('%s is exempt, whatever the points', (_case, change, route) => {
      expect(scored({ PERSONAL_EXPERIENCE: 0, BUSINESS_PLAN: 0, ADDED_VALUE: 0 }, change)).toEqual({
        outcome: 'EXEMPT',
        route,
        ruleVersion: 'self-employed-points.v1',
      });
    });
  });

  it('counts a completed start-up trajectory of at least 3 months as the minimum on every part', () => {
    expect(scored({ PERSONAL_EXPERIENCE: 0, BUSINESS_PLAN: 10, ADDED_VALUE: 50 }, { completedStartUpTrajectoryMonths: 3 })).toMatchObject({
      outcome: 'POSITIVE',
      points: { PERSONAL_EXPERIENCE: 30, BUSINESS_PLAN: 30, ADDED_VALUE: 50 },
      total: 110,
    });
    expect(scored({ PERSONAL_EXPERIENCE: 0, BUSINESS_PLAN: 10, ADDED_VALUE: 50 }, { completedStartUpTrajectoryMonths: 2 }).outcome).toBe(
      'NEGATIVE',
    );
  });

  it('refuses points above a part’s maximum rather than counting them', () => {
    expect(() => scored({ PERSONAL_EXPERIENCE: 101, BUSINESS_PLAN: 30, ADDED_VALUE: 30 })).toThrow(RangeError);
  });

  it('refuses to score before the rules are in force', () => {
    expect(() => scored(applicant.points, { scoredOn: '2025-12-31' })).toThrow(PointsRulesNotInForceError);
  });

  it('refuses a rules file whose parts do not add up to the maximum of 300', () => {
    const file = JSON.parse(JSON.stringify(pointsJson)) as typeof pointsJson;
    file.versions[0].parts.ADDED_VALUE = 90;
    expect(() => parseSelfEmployedPointsRules(file)).toThrow(ReferenceDataError);
  });
});
