import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { bundledSalaryThresholdReference, type SalaryCriterion } from '@welkom/reference-data';
import { applicableCriterion, assessKnowledgeMigrant, type KnowledgeMigrantFiling, type WageFact } from './knowledge-migrant.policy';

const table = bundledSalaryThresholdReference();
const HSM = PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT;
const BLUE_CARD = PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD;

const hsm = (overrides: Partial<KnowledgeMigrantFiling> = {}): KnowledgeMigrantFiling => ({
  category: HSM,
  situation: 'FIRST_APPLICATION',
  submittedOn: '2026-03-02',
  birthDate: '1990-05-01',
  ...overrides,
});

const blueCard = (overrides: Partial<KnowledgeMigrantFiling> = {}): KnowledgeMigrantFiling => ({
  category: BLUE_CARD,
  situation: 'FIRST_APPLICATION',
  submittedOn: '2026-03-02',
  birthDate: '1990-05-01',
  degreeObtainedOn: '2015-06-30',
  contractMonths: 12,
  ...overrides,
});

/** UWV's answer for exactly the question the case asks. */
function factFor(filing: KnowledgeMigrantFiling, meetsThreshold: boolean): WageFact {
  const { referenceDate, criterion } = applicableCriterion(table, filing);
  return {
    evidenceId: 'ev-wage-1',
    meetsThreshold,
    criterion,
    thresholdReferenceDate: referenceDate,
    thresholdTableVersion: table.version,
  };
}

describe('highly skilled migrant decisions', () => {
  it('grants when UWV says the salary meets the criterion, recording category, reference date, table version and amount', () => {
    const filing = hsm();
    const result = assessKnowledgeMigrant(table, filing, true, factFor(filing, true));
    expect(result).toMatchObject({
      outcome: 'GRANTED',
      findings: [],
      category: HSM,
      referenceDate: '2026-03-02',
      thresholdTableVersion: 'salary-thresholds.v1',
      criterion: { criterion: 'HSM_30_AND_OVER', amountEur: 5942, referenceDate: '2026-03-02', confirmed: true },
      wageEvidenceId: 'ev-wage-1',
    });
    expect(result.reasonCode).toBeUndefined();
  });

  it('refuses with SALARY_BELOW_CRITERION and the applicable amount when UWV says no', () => {
    const filing = hsm({ birthDate: '2000-01-01' });
    const result = assessKnowledgeMigrant(table, filing, true, factFor(filing, false));
    expect(result.outcome).toBe('REFUSED');
    expect(result.reasonCode).toBe('SALARY_BELOW_CRITERION');
    expect(result.findings[0]).toMatchObject({ code: 'SALARY_BELOW_CRITERION', criterionAmountEur: 4357 });
  });

  it('refuses a sponsor that is not recognised, whatever the salary: recognition is mandatory for HSM', () => {
    const filing = hsm();
    const result = assessKnowledgeMigrant(table, filing, false, factFor(filing, true));
    expect([result.outcome, result.reasonCode]).toEqual(['REFUSED', 'SPONSOR_NOT_RECOGNISED']);
  });

  it('waits for UWV while there is no wage fact', () => {
    expect(assessKnowledgeMigrant(table, hsm(), true, undefined)).toMatchObject({
      outcome: 'INCOMPLETE',
      reasonCode: 'WAGE_EVIDENCE_MISSING',
    });
  });

  it.each<[string, Partial<WageFact>]>([
    ['another criterion', { criterion: 'HSM_REDUCED' }],
    ['another reference date', { thresholdReferenceDate: '2025-12-31' }],
    ['another table version', { thresholdTableVersion: 'salary-thresholds.v0' }],
  ])('does not reuse a "yes" about %s', (_what, change) => {
    const filing = hsm();
    const result = assessKnowledgeMigrant(table, filing, true, { ...factFor(filing, true), ...change });
    expect([result.outcome, result.reasonCode]).toEqual(['INCOMPLETE', 'WAGE_FACT_FOR_OTHER_CRITERION']);
  });

  it('a TEV filed on 2025-12-31 is measured against the 2025 amount, one filed on 2026-01-01 against 2026', () => {
    expect(applicableCriterion(table, hsm({ submittedOn: '2025-12-31' })).amount?.amountEur).toBe(5688);
    expect(applicableCriterion(table, hsm({ submittedOn: '2026-01-01' })).amount?.amountEur).toBe(5942);
  });

  it('a change of employer is measured on the new contract start, across the year boundary', () => {
    const filing = hsm({ situation: 'CHANGE_OF_EMPLOYER', submittedOn: '2025-12-15', newContractStartsOn: '2026-01-01' });
    expect(applicableCriterion(table, filing)).toMatchObject({ referenceDate: '2026-01-01', amount: { amountEur: 5942 } });
  });

  it.each<[string, Partial<KnowledgeMigrantFiling>, SalaryCriterion, number]>([
    ['30 and over', {}, 'HSM_30_AND_OVER', 5942],
    ['under 30', { birthDate: '1997-01-01' }, 'HSM_UNDER_30', 4357],
    ['under-30 amount kept at extension', { situation: 'EXTENSION', firstHsmPermitAndEmployerChangesBefore30: true }, 'HSM_UNDER_30', 4357],
    ['recent graduate', { degreeObtainedOn: '2024-07-01' }, 'HSM_REDUCED', 3122],
    ['after an orientation year', { afterOrientationYear: true }, 'HSM_REDUCED', 3122],
  ])('%s: %s of €%i', (_who, overrides, criterion, amount) => {
    const { amount: found } = applicableCriterion(table, hsm(overrides));
    expect([found?.criterion, found?.amountEur]).toEqual([criterion, amount]);
  });

  it('does not decide a researcher as HSM automatically: the minimum-wage exemption is unconfirmed (fail closed)', () => {
    const filing = hsm({ researcher: true });
    expect(assessKnowledgeMigrant(table, filing, true, factFor(filing, true))).toMatchObject({
      outcome: 'INCOMPLETE',
      reasonCode: 'CRITERION_UNCONFIRMED',
    });
  });

  it('does not decide on the unconfirmed 2023 amounts', () => {
    const filing = hsm({ submittedOn: '2023-06-01' });
    expect(assessKnowledgeMigrant(table, filing, true, factFor(filing, true)).reasonCode).toBe('CRITERION_UNCONFIRMED');
  });

  it('refuses a case from before the table starts: there is no criterion to meet', () => {
    const filing = hsm({ submittedOn: '2022-12-31' });
    expect(assessKnowledgeMigrant(table, filing, true, undefined)).toMatchObject({
      outcome: 'REFUSED',
      reasonCode: 'NO_CRITERION_ON_REFERENCE_DATE',
    });
  });
});

describe('EU Blue Card decisions', () => {
  it('grants without a recognised sponsor: recognition is optional (it only shortens the decision period)', () => {
    const filing = blueCard();
    expect(assessKnowledgeMigrant(table, filing, false, factFor(filing, true)).outcome).toBe('GRANTED');
  });

  it.each<[string, string, number | undefined, string]>([
    ['old regime, 2024-06-11', '2024-06-11', 6245, 'BLUE_CARD_STANDARD'],
    ['new regime, 2024-06-12', '2024-06-12', 4265, 'BLUE_CARD_RECENT_GRADUATE'],
    ['2024-12-31', '2024-12-31', 4265, 'BLUE_CARD_RECENT_GRADUATE'],
    ['2025-01-01', '2025-01-01', 4551, 'BLUE_CARD_RECENT_GRADUATE'],
  ])('a graduate of 2024-01-15 filing on %s: €%i (%s)', (_when, submittedOn, amount, criterion) => {
    const { amount: found } = applicableCriterion(table, blueCard({ submittedOn, degreeObtainedOn: '2024-01-15' }));
    expect([found?.amountEur, found?.criterion]).toEqual([amount, criterion]);
  });

  it.each<[string, number, string]>([
    ['2024-06-11', 11, 'CONTRACT_TOO_SHORT'], // old regime: 12 months
    ['2024-06-12', 5, 'CONTRACT_TOO_SHORT'], // new regime: 6 months
  ])('on %s a contract of %i months is too short', (submittedOn, contractMonths, code) => {
    const filing = blueCard({ submittedOn, contractMonths });
    expect(assessKnowledgeMigrant(table, filing, true, factFor(filing, true)).reasonCode).toBe(code);
  });

  it('accepts a contract of exactly 6 months under the new regime', () => {
    const filing = blueCard({ contractMonths: 6 });
    expect(assessKnowledgeMigrant(table, filing, true, factFor(filing, true)).outcome).toBe('GRANTED');
  });

  it.each<[string, Partial<KnowledgeMigrantFiling>, 'GRANTED' | 'REFUSED']>([
    ['5 years of relevant experience', { degreeObtainedOn: undefined, relevantExperienceYears: 5 }, 'GRANTED'],
    ['4 years of relevant experience', { degreeObtainedOn: undefined, relevantExperienceYears: 4 }, 'REFUSED'],
    ['ICT, 3 years within the last 7', { degreeObtainedOn: undefined, ictProfession: true, ictExperienceYearsWithinWindow: 3 }, 'GRANTED'],
    ['ICT, 2 years within the last 7', { degreeObtainedOn: undefined, ictProfession: true, ictExperienceYearsWithinWindow: 2 }, 'REFUSED'],
    ['3 years within 7, but not ICT', { degreeObtainedOn: undefined, ictProfession: false, ictExperienceYearsWithinWindow: 3 }, 'REFUSED'],
  ])('without a degree, %s: %s', (_who, overrides, outcome) => {
    const filing = blueCard(overrides);
    const result = assessKnowledgeMigrant(table, filing, true, factFor(filing, true));
    expect(result.outcome).toBe(outcome);
    if (outcome === 'REFUSED') expect(result.reasonCode).toBe('QUALIFICATION_NOT_MET');
  });

  it('before 2024-06-12 experience does not replace the degree (not in the sources for the old regime: closed)', () => {
    const filing = blueCard({ submittedOn: '2024-06-11', degreeObtainedOn: undefined, relevantExperienceYears: 10 });
    expect(assessKnowledgeMigrant(table, filing, true, factFor(filing, true)).reasonCode).toBe('QUALIFICATION_NOT_MET');
  });

  it('refuses below the Blue Card amount with that amount', () => {
    const filing = blueCard();
    expect(assessKnowledgeMigrant(table, filing, true, factFor(filing, false)).findings).toEqual([
      expect.objectContaining({ code: 'SALARY_BELOW_CRITERION', criterionAmountEur: 5942 }),
    ]);
  });
});
