import {
  decideOrientationYear,
  OrientationYearRulesNotInForceError,
  type OrientationYearApplication,
  type QualifyingCompletion,
} from './orientation-year.policy';
import { bundledOrientationYearRules } from './orientation-year.reference';

const rules = bundledOrientationYearRules();

const leidenMaster: QualifyingCompletion = {
  evidenceId: 'ev-degree-leiden-msc',
  kind: 'DUTCH_MASTER',
  completedOn: '2025-08-31',
  programmeMonths: 24,
};

const application: OrientationYearApplication = {
  receivedOn: '2026-03-02',
  extension: false,
  completion: leidenMaster,
  completionsUsedBefore: [],
};

const decide = (change: Partial<OrientationYearApplication>) => decideOrientationYear({ ...application, ...change }, rules);
const outcomeOf = (change: Partial<OrientationYearApplication>): string => {
  const decision = decide(change);
  return decision.outcome === 'GRANTED' ? 'GRANTED' : decision.reasonCode;
};

describe('orientation year', () => {
  it('grants 12 months from receipt on a Dutch master, not renewable, free labour market, then HSM at the reduced criterion', () => {
    expect(decide({})).toEqual({
      outcome: 'GRANTED',
      completionEvidenceId: 'ev-degree-leiden-msc',
      permit: {
        validFrom: '2026-03-02',
        validUntil: '2027-03-01',
        renewable: false,
        labourMarket: 'FREE',
        afterwards: 'HIGHLY_SKILLED_MIGRANT_REDUCED_CRITERION',
      },
      ruleVersion: 'orientation-year.v1',
    });
  });

  describe('the 3-year window from the completion', () => {
    it.each<[string, string, string]>([
      ['on the completion day', '2026-01-05', 'GRANTED'],
      ['on the last day of the 3 years', '2029-01-05', 'GRANTED'],
      ['a day after the 3 years', '2029-01-06', 'WINDOW_PASSED'],
      ['a day before the completion', '2026-01-04', 'APPLIED_BEFORE_COMPLETION'],
    ])('an application received %s (%s) gives %s', (_case, receivedOn, expected) => {
      expect(outcomeOf({ receivedOn, completion: { ...leidenMaster, completedOn: '2026-01-05' } })).toBe(expected);
    });

    it('counts 3 calendar years from a 29 February completion to 28 February', () => {
      const completion = { ...leidenMaster, completedOn: '2028-02-29' };
      expect(outcomeOf({ receivedOn: '2031-02-28', completion })).toBe('GRANTED');
      expect(outcomeOf({ receivedOn: '2031-03-01', completion })).toBe('WINDOW_PASSED');
    });
  });

  describe('once per completion', () => {
    it('refuses a second orientation year on the same completion', () => {
      expect(outcomeOf({ completionsUsedBefore: ['ev-degree-leiden-msc'] })).toBe('ALREADY_USED_FOR_COMPLETION');
    });

    it('grants again on a new qualifying completion (a PhD after the master)', () => {
      const phd: QualifyingCompletion = {
        evidenceId: 'ev-degree-leiden-phd',
        kind: 'DUTCH_PHD_OR_RESEARCH',
        completedOn: '2026-02-01',
        programmeMonths: 48,
      };
      expect(outcomeOf({ completion: phd, completionsUsedBefore: ['ev-degree-leiden-msc'] })).toBe('GRANTED');
    });
  });

  it('is not renewable: an extension is refused', () => {
    expect(outcomeOf({ extension: true })).toBe('NOT_RENEWABLE');
  });

  it('waits for the DEGREE_AWARDED evidence instead of refusing when the hub holds none yet', () => {
    expect(decide({ completion: undefined })).toEqual({
      outcome: 'INCOMPLETE',
      reasonCode: 'COMPLETION_EVIDENCE_MISSING',
      ruleVersion: 'orientation-year.v1',
    });
  });

  it.each<[string, Partial<QualifyingCompletion>, string]>([
    ['a post-master of 10 months', { kind: 'DUTCH_POST_MASTER', programmeMonths: 10 }, 'GRANTED'],
    ['a post-master of 9 months', { kind: 'DUTCH_POST_MASTER', programmeMonths: 9 }, 'COMPLETION_NOT_QUALIFYING'],
    ['a master at a top-200 institution abroad', { kind: 'FOREIGN_TOP_200_MASTER_OR_PHD' }, 'GRANTED'],
    ['another completion', { kind: 'OTHER' }, 'COMPLETION_NOT_QUALIFYING'],
  ])('%s (%j) gives %s', (_case, change, expected) => {
    expect(outcomeOf({ completion: { ...leidenMaster, ...change } })).toBe(expected);
  });

  it('refuses to decide before its rules are in force', () => {
    expect(() => decide({ receivedOn: '2025-12-31' })).toThrow(OrientationYearRulesNotInForceError);
  });
});
