import { ReferenceDataError } from '@welkom/reference-data';
import { facilitatorFindings, type FacilitatorFacts } from './facilitator.policy';
import { assessInnovation, type InnovationFacts } from './innovation.policy';
import { adviseOnStartUp, StartUpRulesNotInForceError, type StartUpFacts } from './start-up-assessment.policy';
import { bundledStartUpRules, parseStartUpRules } from './start-up-rules.reference';
import startUpRulesJson from '../../reference/start-up-rules.v1.json';

const rules = bundledStartUpRules();
const inForce = rules.on('2026-03-01');
if (inForce === undefined) throw new Error('the shipped start-up rules must be in force in 2026');

const soundFacilitator: FacilitatorFacts = {
  registeredInKvk: true,
  hasStartUpGuidanceExperience: true,
  bankrupt: false,
  negativeEquity: false,
  interestInStartUpPercent: 10,
  kinshipDegreeToFounder: null,
};

const noTest: InnovationFacts = { NEW_TO_THE_NETHERLANDS: false, NEW_TECHNOLOGY: false, NEW_ORGANISATIONAL_APPROACH: false };

const founder: StartUpFacts = {
  assessedOn: '2026-03-01',
  innovation: { ...noTest, NEW_TECHNOLOGY: true },
  hasStepPlan: true,
  founderRegisteredInKvk: true,
  facilitator: soundFacilitator,
};

describe('facilitator rules', () => {
  it.each<[string, Partial<FacilitatorFacts>, string[]]>([
    ['a sound, experienced, registered facilitator with a minority interest', {}, []],
    ['a facilitator missing from the KvK', { registeredInKvk: false }, ['FACILITATOR_NOT_IN_KVK']],
    [
      'a facilitator without start-up guidance experience',
      { hasStartUpGuidanceExperience: false },
      ['FACILITATOR_WITHOUT_START_UP_EXPERIENCE'],
    ],
    ['a bankrupt facilitator', { bankrupt: true }, ['FACILITATOR_BANKRUPT']],
    ['a facilitator with negative equity', { negativeEquity: true }, ['FACILITATOR_NEGATIVE_EQUITY']],
    ['a facilitator holding exactly half (not a majority)', { interestInStartUpPercent: 50 }, []],
    ['a facilitator holding a majority interest', { interestInStartUpPercent: 50.01 }, ['FACILITATOR_MAJORITY_INTEREST']],
    ['a facilitator who is the founder’s parent (1st degree)', { kinshipDegreeToFounder: 1 }, ['FACILITATOR_FAMILY_OF_FOUNDER']],
    ['a facilitator who is the founder’s uncle (3rd degree)', { kinshipDegreeToFounder: 3 }, ['FACILITATOR_FAMILY_OF_FOUNDER']],
    ['a facilitator who is the founder’s cousin (4th degree)', { kinshipDegreeToFounder: 4 }, []],
    [
      'a facilitator failing on every ground, each named in rule order',
      {
        registeredInKvk: false,
        hasStartUpGuidanceExperience: false,
        bankrupt: true,
        negativeEquity: true,
        interestInStartUpPercent: 51,
        kinshipDegreeToFounder: 2,
      },
      [
        'FACILITATOR_NOT_IN_KVK',
        'FACILITATOR_WITHOUT_START_UP_EXPERIENCE',
        'FACILITATOR_BANKRUPT',
        'FACILITATOR_NEGATIVE_EQUITY',
        'FACILITATOR_MAJORITY_INTEREST',
        'FACILITATOR_FAMILY_OF_FOUNDER',
      ],
    ],
  ])('%s gives %j', (_case, change, expected) => {
    expect(facilitatorFindings({ ...soundFacilitator, ...change }, inForce.facilitator)).toEqual(expected);
  });
});

describe('the three innovation tests', () => {
  it.each<[string, Partial<InnovationFacts>, boolean, string[]]>([
    ['none of the tests', {}, false, []],
    ['new to the Netherlands only', { NEW_TO_THE_NETHERLANDS: true }, true, ['NEW_TO_THE_NETHERLANDS']],
    ['new technology in production, distribution or marketing only', { NEW_TECHNOLOGY: true }, true, ['NEW_TECHNOLOGY']],
    ['a new organisational or process approach only', { NEW_ORGANISATIONAL_APPROACH: true }, true, ['NEW_ORGANISATIONAL_APPROACH']],
    [
      'all three',
      { NEW_TO_THE_NETHERLANDS: true, NEW_TECHNOLOGY: true, NEW_ORGANISATIONAL_APPROACH: true },
      true,
      ['NEW_TO_THE_NETHERLANDS', 'NEW_TECHNOLOGY', 'NEW_ORGANISATIONAL_APPROACH'],
    ],
  ])('a product meeting %s is innovative: %s', (_case, change, innovative, testsMet) => {
    expect(assessInnovation({ ...noTest, ...change }, inForce.innovation)).toEqual({ innovative, testsMet });
  });
});

describe('start-up advice', () => {
  it('advises positively on an innovative founder with a step plan and a sound facilitator, recording the rule version', () => {
    expect(adviseOnStartUp(founder, rules)).toEqual({
      outcome: 'POSITIVE',
      reasonCodes: [],
      innovationTestsMet: ['NEW_TECHNOLOGY'],
      ruleVersion: 'start-up-rules.v1',
    });
  });

  it('advises negatively when the facilitator holds a majority interest, whatever else holds', () => {
    const advice = adviseOnStartUp({ ...founder, facilitator: { ...soundFacilitator, interestInStartUpPercent: 60 } }, rules);
    expect(advice.outcome).toBe('NEGATIVE');
    expect(advice.reasonCodes).toEqual(['FACILITATOR_MAJORITY_INTEREST']);
  });

  it('names every missing start-up condition: innovation, step plan and the founder in the KvK', () => {
    const advice = adviseOnStartUp({ ...founder, innovation: noTest, hasStepPlan: false, founderRegisteredInKvk: false }, rules);
    expect(advice).toMatchObject({
      outcome: 'NEGATIVE',
      reasonCodes: ['PRODUCT_NOT_INNOVATIVE', 'STEP_PLAN_MISSING', 'FOUNDER_NOT_IN_KVK'],
      innovationTestsMet: [],
    });
  });

  it('refuses to advise on a day before the start-up scheme came into force (1 January 2015)', () => {
    expect(() => adviseOnStartUp({ ...founder, assessedOn: '2014-12-31' }, rules)).toThrow(StartUpRulesNotInForceError);
    expect(adviseOnStartUp({ ...founder, assessedOn: '2015-01-01' }, rules).outcome).toBe('POSITIVE');
  });

  it('refuses a rules file that leaves a reason code undocumented', () => {
    const copy = JSON.parse(JSON.stringify(startUpRulesJson)) as { reasonCodes: Record<string, string> };
    delete copy.reasonCodes.STEP_PLAN_MISSING;
    expect(() => parseStartUpRules(copy)).toThrow(ReferenceDataError);
  });
});
