import {
  SelfEmployedExemptionRoute as Route,
  SelfEmployedPointsOutcome as Outcome,
  SelfEmployedPointsReason as Reason,
  SelfEmployedPointsVariant as Variant,
} from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import { reasonOfFinding, toPointsAssessment } from './self-employed-evidence.mapper';
import type { SelfEmployedScoreRecord } from './self-employed-score';

const scored: SelfEmployedScoreRecord = {
  adviceReference: 'se-1',
  outcome: 'NEGATIVE',
  variant: 'STANDARD',
  exemptionRoute: null,
  points: { PERSONAL_EXPERIENCE: 40, BUSINESS_PLAN: 25, ADDED_VALUE: 30 },
  total: 95,
  findings: ['PART_BELOW_MINIMUM:BUSINESS_PLAN'],
  ruleVersion: 'self-employed-points.v1',
  scoredOn: '2026-11-02',
  recordedAt: new Date('2026-11-02T09:00:00Z'),
  issued: null,
};

describe('the self-employed score as SELF_EMPLOYED_POINTS_ASSESSMENT evidence', () => {
  it.each<[string, Reason]>([
    ['TOTAL_BELOW_MINIMUM', Reason.SELF_EMPLOYED_POINTS_REASON_TOTAL_BELOW_MINIMUM],
    ['PART_BELOW_MINIMUM:PERSONAL_EXPERIENCE', Reason.SELF_EMPLOYED_POINTS_REASON_PERSONAL_EXPERIENCE_BELOW_MINIMUM],
    ['PART_BELOW_MINIMUM:BUSINESS_PLAN', Reason.SELF_EMPLOYED_POINTS_REASON_BUSINESS_PLAN_BELOW_MINIMUM],
    ['PART_BELOW_MINIMUM:ADDED_VALUE', Reason.SELF_EMPLOYED_POINTS_REASON_ADDED_VALUE_BELOW_MINIMUM],
  ])('the finding %s is the reason %s', (finding, reason) => {
    expect(reasonOfFinding(finding)).toBe(reason);
  });

  it.each([['PART_BELOW_MINIMUM:TURNOVER'], ['SOMETHING_ELSE'], ['']])(
    'refuses an unknown finding %p rather than sending it unspecified',
    (f) => {
      expect(() => reasonOfFinding(f)).toThrow(RangeError);
    },
  );

  it.each<[string, Partial<SelfEmployedScoreRecord>, object]>([
    [
      'a negative standard score, with the part below its minimum',
      {},
      {
        outcome: Outcome.SELF_EMPLOYED_POINTS_OUTCOME_NEGATIVE,
        variant: Variant.SELF_EMPLOYED_POINTS_VARIANT_STANDARD,
        exemptionRoute: Route.SELF_EMPLOYED_EXEMPTION_ROUTE_UNSPECIFIED,
        personalExperiencePoints: 40,
        businessPlanPoints: 25,
        addedValuePoints: 30,
        totalPoints: 95,
        reasons: [Reason.SELF_EMPLOYED_POINTS_REASON_BUSINESS_PLAN_BELOW_MINIMUM],
      },
    ],
    [
      'a positive score on the highly-educated variant',
      {
        outcome: 'POSITIVE',
        variant: 'HIGHLY_EDUCATED',
        points: { PERSONAL_EXPERIENCE: 45, BUSINESS_PLAN: 45, ADDED_VALUE: 0 },
        total: 90,
        findings: [],
      },
      {
        outcome: Outcome.SELF_EMPLOYED_POINTS_OUTCOME_POSITIVE,
        variant: Variant.SELF_EMPLOYED_POINTS_VARIANT_HIGHLY_EDUCATED,
        totalPoints: 90,
        reasons: [],
      },
    ],
    [
      'an exempt route: no points, the route named',
      { outcome: 'EXEMPT', variant: null, exemptionRoute: 'DAFT', points: null, total: null, findings: [] },
      {
        outcome: Outcome.SELF_EMPLOYED_POINTS_OUTCOME_EXEMPT,
        variant: Variant.SELF_EMPLOYED_POINTS_VARIANT_UNSPECIFIED,
        exemptionRoute: Route.SELF_EMPLOYED_EXEMPTION_ROUTE_DAFT,
        personalExperiencePoints: 0,
        totalPoints: 0,
        reasons: [],
      },
    ],
  ])('%s', (_case, change, expected) => {
    expect(toPointsAssessment({ ...scored, ...change })).toMatchObject({
      scoredOn: '2026-11-02',
      adviceReference: 'se-1',
      ruleVersion: 'self-employed-points.v1',
      ...expected,
    });
  });

  it('carries exactly the contract’s fields: no business plan, no turnover', () => {
    expect(Object.keys(toPointsAssessment(scored)).sort()).toEqual(
      [
        'outcome',
        'scoredOn',
        'adviceReference',
        'variant',
        'exemptionRoute',
        'personalExperiencePoints',
        'businessPlanPoints',
        'addedValuePoints',
        'totalPoints',
        'reasons',
        'ruleVersion',
      ].sort(),
    );
  });
});
