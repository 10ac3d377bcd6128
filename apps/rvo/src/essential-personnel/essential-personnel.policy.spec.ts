import { ReferenceDataError } from '@welkom/reference-data';
import { bundledStartUpRules } from '../start-up/start-up-rules.reference';
import { adviseOnEssentialEmployee, type EssentialPersonnelFacts } from './essential-personnel.policy';
import { bundledEssentialPersonnelRules, parseEssentialPersonnelRules } from './essential-personnel.reference';
import essentialPersonnelJson from '../../reference/essential-start-up-personnel.v1.json';

const rules = bundledEssentialPersonnelRules();
const innovationRules = bundledStartUpRules().on('2024-01-01')?.innovation;
if (innovationRules === undefined) throw new Error('the shipped start-up rules must be in force in 2024');

const employee: EssentialPersonnelFacts = {
  receivedOn: '2024-03-01',
  innovation: { NEW_TO_THE_NETHERLANDS: true, NEW_TECHNOLOGY: false, NEW_ORGANISATIONAL_APPROACH: false },
  employeesBeforeHire: 6,
  permitsHeld: 2,
  participationPercent: 1.5,
  employmentStartsOn: '2024-04-01',
  participationObtainedOn: '2025-04-01',
  wage: 'MEETS',
};

const advise = (change: Partial<EssentialPersonnelFacts>) => adviseOnEssentialEmployee({ ...employee, ...change }, rules, innovationRules);

describe('essential start-up personnel', () => {
  it('advises positively on an innovative start-up within the caps, recording the pilot version and the scheme end', () => {
    expect(advise({})).toEqual({
      outcome: 'POSITIVE',
      reasonCodes: [],
      ruleVersion: 'essential-start-up-personnel.v1',
      residenceSchemeUntil: '2026-06-01',
    });
  });

  it('assesses the start-up with the same three innovation tests as a start-up founder', () => {
    expect(
      advise({ innovation: { NEW_TO_THE_NETHERLANDS: false, NEW_TECHNOLOGY: false, NEW_ORGANISATIONAL_APPROACH: false } }).reasonCodes,
    ).toEqual(['START_UP_NOT_INNOVATIVE']);
    expect(
      advise({ innovation: { NEW_TO_THE_NETHERLANDS: false, NEW_TECHNOLOGY: false, NEW_ORGANISATIONAL_APPROACH: true } }).outcome,
    ).toBe('POSITIVE');
  });

  describe('the 15-employee cap (the employee applied for counts)', () => {
    it.each<[number, string]>([
      [0, 'POSITIVE'],
      [14, 'POSITIVE'],
      [15, 'NEGATIVE'],
      [20, 'NEGATIVE'],
    ])('a start-up with %i employees before the hire gets %s', (employeesBeforeHire, outcome) => {
      const advice = advise({ employeesBeforeHire });
      expect(advice.outcome).toBe(outcome);
      expect(advice.reasonCodes.includes('TOO_MANY_EMPLOYEES')).toBe(outcome === 'NEGATIVE');
    });
  });

  describe('the 5-permit cap', () => {
    it.each<[number, string]>([
      [0, 'POSITIVE'],
      [4, 'POSITIVE'],
      [5, 'NEGATIVE'],
    ])('a start-up holding %i permits asking for one more gets %s (the 6th is refused)', (permitsHeld, outcome) => {
      const advice = advise({ permitsHeld });
      expect(advice.outcome).toBe(outcome);
      expect(advice.reasonCodes.includes('PERMIT_CAP_REACHED')).toBe(outcome === 'NEGATIVE');
    });
  });

  describe('the pilot dates, on both boundaries', () => {
    it.each<[string, string]>([
      ['2021-05-31', 'NEGATIVE'],
      ['2021-06-01', 'POSITIVE'],
      ['2025-06-01', 'POSITIVE'],
      ['2025-06-02', 'NEGATIVE'],
      ['2026-03-01', 'NEGATIVE'],
    ])('an application received on %s gets %s', (receivedOn, outcome) => {
      const advice = advise({ receivedOn });
      expect(advice.outcome).toBe(outcome);
      if (outcome === 'NEGATIVE') expect(advice.reasonCodes).toEqual(['PILOT_NOT_IN_FORCE']);
    });

    it('accepts applications again when a new pilot entry in the reference data says so', () => {
      const file = JSON.parse(JSON.stringify(essentialPersonnelJson)) as typeof essentialPersonnelJson;
      file.pilots.push({ ...file.pilots[0], validFrom: '2025-06-02', validTo: '2027-06-01', residenceSchemeUntil: '2028-06-01' });
      const extended = parseEssentialPersonnelRules(file);
      expect(adviseOnEssentialEmployee({ ...employee, receivedOn: '2026-03-01' }, extended, innovationRules).outcome).toBe('POSITIVE');
    });
  });

  describe('participation of at least 1 %, obtained within 3 years', () => {
    it.each<[string, Partial<EssentialPersonnelFacts>, string]>([
      ['exactly 1 %', { participationPercent: 1 }, 'POSITIVE'],
      ['0.99 %', { participationPercent: 0.99 }, 'PARTICIPATION_TOO_LOW'],
      ['obtained on the last day of the 3 years', { participationObtainedOn: '2027-04-01' }, 'POSITIVE'],
      ['obtained a day after the 3 years', { participationObtainedOn: '2027-04-02' }, 'PARTICIPATION_TOO_LATE'],
    ])('%s (%j) gives %s', (_case, change, expected) => {
      const advice = advise(change);
      expect(advice.outcome === 'POSITIVE' ? 'POSITIVE' : advice.reasonCodes[0]).toBe(expected);
    });
  });

  describe('the salary rule waits on UWV’s wage evidence', () => {
    it('is PENDING on WAGE_MEETS_THRESHOLD while UWV has not issued it', () => {
      expect(advise({ wage: 'NOT_YET_ISSUED' })).toMatchObject({ outcome: 'PENDING', reasonCodes: ['WAGE_EVIDENCE_PENDING'] });
    });

    it('is refused when the evidence says the reduced criterion is not met', () => {
      expect(advise({ wage: 'DOES_NOT_MEET' })).toMatchObject({ outcome: 'NEGATIVE', reasonCodes: ['WAGE_BELOW_REDUCED_CRITERION'] });
    });

    it('refuses a 6th permit without waiting for the wage evidence', () => {
      expect(advise({ permitsHeld: 5, wage: 'NOT_YET_ISSUED' })).toMatchObject({
        outcome: 'NEGATIVE',
        reasonCodes: ['PERMIT_CAP_REACHED'],
      });
    });
  });

  it('refuses a pilot whose residence scheme ends before its last application day', () => {
    const file = JSON.parse(JSON.stringify(essentialPersonnelJson)) as typeof essentialPersonnelJson;
    file.pilots[0].residenceSchemeUntil = '2025-01-01';
    expect(() => parseEssentialPersonnelRules(file)).toThrow(ReferenceDataError);
  });
});
