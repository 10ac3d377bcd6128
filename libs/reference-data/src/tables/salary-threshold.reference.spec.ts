import {
  blueCardCriterionFor,
  bundledSalaryThresholdReference,
  hsmCriterionFor,
  parseSalaryThresholdReference,
  type SalaryCriterion,
  salaryCriterionAmount,
  salaryReferenceDate,
} from './salary-threshold.reference';
import bundled from '../../tables/salary-thresholds.v1.json';

const table = bundledSalaryThresholdReference();
const amountOn = (criterion: SalaryCriterion, date: string): number | undefined => salaryCriterionAmount(table, criterion, date)?.amountEur;

describe('HSM salary criteria by reference date (DOMAIN.md §1.2)', () => {
  // Every row of §1.2, on its first and last day, and the day either side of each 1 January.
  it.each([
    ['2023-01-01', 5008, 3672, 2631],
    ['2023-12-31', 5008, 3672, 2631],
    ['2024-01-01', 5331, 3909, 2801],
    ['2024-06-11', 5331, 3909, 2801],
    ['2024-06-12', 5331, 3909, 2801],
    ['2024-12-31', 5331, 3909, 2801],
    ['2025-01-01', 5688, 4171, 2989],
    ['2025-12-31', 5688, 4171, 2989],
    ['2026-01-01', 5942, 4357, 3122],
    ['2026-12-06', 5942, 4357, 3122],
  ])('on %s: 30 and over €%i, under 30 €%i, reduced €%i', (date, over30, under30, reduced) => {
    expect(amountOn('HSM_30_AND_OVER', date)).toBe(over30);
    expect(amountOn('HSM_UNDER_30', date)).toBe(under30);
    expect(amountOn('HSM_REDUCED', date)).toBe(reduced);
  });

  it('has no amount before 2023: nothing is decided on a guess', () => {
    expect(salaryCriterionAmount(table, 'HSM_30_AND_OVER', '2022-12-31')).toBeUndefined();
  });

  it('marks the 2023 amounts DOMAIN.md could not confirm, and confirms 2024 onwards', () => {
    expect(salaryCriterionAmount(table, 'HSM_30_AND_OVER', '2023-06-01')?.confirmed).toBe(false);
    expect(salaryCriterionAmount(table, 'HSM_30_AND_OVER', '2024-06-01')?.confirmed).toBe(true);
  });

  it('records the table version, the entry and the reference date with the amount', () => {
    expect(salaryCriterionAmount(table, 'HSM_UNDER_30', '2025-03-04')).toEqual({
      criterion: 'HSM_UNDER_30',
      amountEur: 4171,
      referenceDate: '2025-03-04',
      tableVersion: 'salary-thresholds.v1',
      validFrom: '2025-01-01',
      validTo: '2025-12-31',
      confirmed: true,
    });
  });
});

describe('EU Blue Card thresholds by reference date (DOMAIN.md §1.3)', () => {
  it.each([
    ['2023-01-01', 5867, undefined, 'DIRECTIVE_2009_50', 12],
    ['2023-12-31', 5867, undefined, 'DIRECTIVE_2009_50', 12],
    ['2024-01-01', 6245, undefined, 'DIRECTIVE_2009_50', 12],
    ['2024-06-11', 6245, undefined, 'DIRECTIVE_2009_50', 12],
    ['2024-06-12', 5331, 4265, 'DIRECTIVE_2021_1883', 6],
    ['2024-12-31', 5331, 4265, 'DIRECTIVE_2021_1883', 6],
    ['2025-01-01', 5688, 4551, 'DIRECTIVE_2021_1883', 6],
    ['2025-12-31', 5688, 4551, 'DIRECTIVE_2021_1883', 6],
    ['2026-01-01', 5942, 4754, 'DIRECTIVE_2021_1883', 6],
  ])('on %s: standard €%i, recent graduate %s, regime %s, contract ≥ %i months', (date, standard, graduate, regime, months) => {
    expect(amountOn('BLUE_CARD_STANDARD', date)).toBe(standard);
    expect(amountOn('BLUE_CARD_RECENT_GRADUATE', date)).toBe(graduate);
    const entry = table.euBlueCard.entries.find((e) => e.validFrom <= date && (e.validTo === null || date <= e.validTo));
    expect(entry?.regime).toBe(regime);
    expect(entry?.minimumContractMonths).toBe(months);
  });

  it('knows the new regime qualification: a degree, or 5 years of experience, ICT 3 within 7; the old one only a degree', () => {
    const newRegime = table.euBlueCard.entries.find((e) => e.validFrom === '2024-06-12');
    const oldRegime = table.euBlueCard.entries.find((e) => e.validFrom === '2024-01-01');
    expect(newRegime?.qualification).toEqual({ degree: true, experienceYears: 5, ictExperience: { years: 3, withinYears: 7 } });
    expect(oldRegime?.qualification).toEqual({ degree: true, experienceYears: null, ictExperience: null });
  });

  it('from 2025 the standard Blue Card amount equals the HSM 30-and-over amount (mynta.nl)', () => {
    for (const date of ['2025-01-01', '2026-01-01']) expect(amountOn('BLUE_CARD_STANDARD', date)).toBe(amountOn('HSM_30_AND_OVER', date));
  });

  it('marks the derived 2023 amount as unconfirmed', () => {
    expect(salaryCriterionAmount(table, 'BLUE_CARD_STANDARD', '2023-05-01')?.confirmed).toBe(false);
  });
});

describe('reference date (DOMAIN.md §1.2.1)', () => {
  it('a TEV filed on 2025-12-31 for a January start is measured against 2025', () => {
    const referenceDate = salaryReferenceDate(table, 'FIRST_APPLICATION', { submittedOn: '2025-12-31' });
    expect(referenceDate).toBe('2025-12-31');
    expect(amountOn('HSM_30_AND_OVER', referenceDate)).toBe(5688);
    expect(amountOn('BLUE_CARD_RECENT_GRADUATE', referenceDate)).toBe(4551);
  });

  it('the same TEV filed on 2026-01-01 is measured against 2026', () => {
    expect(amountOn('HSM_30_AND_OVER', salaryReferenceDate(table, 'FIRST_APPLICATION', { submittedOn: '2026-01-01' }))).toBe(5942);
  });

  it('an extension uses its own submission day', () => {
    expect(salaryReferenceDate(table, 'EXTENSION', { submittedOn: '2024-12-31' })).toBe('2024-12-31');
  });

  it('a change of employer uses the start of the new contract, not the day it was reported', () => {
    expect(salaryReferenceDate(table, 'CHANGE_OF_EMPLOYER', { submittedOn: '2024-12-20', newContractStartsOn: '2025-01-01' })).toBe(
      '2025-01-01',
    );
    expect(() => salaryReferenceDate(table, 'CHANGE_OF_EMPLOYER', { submittedOn: '2024-12-20' })).toThrow(RangeError);
  });
});

describe('the under-30 rule', () => {
  const on = '2026-03-01';
  it.each([
    ['1996-03-02', 'HSM_UNDER_30'], // 29 on the reference date: turns 30 the next day
    ['1996-03-01', 'HSM_30_AND_OVER'], // 30th birthday on the reference date
    ['1990-01-01', 'HSM_30_AND_OVER'],
    ['2000-01-01', 'HSM_UNDER_30'],
  ])('born %s: %s', (birthDate, criterion) => {
    expect(hsmCriterionFor(table, { referenceDate: on, birthDate })).toBe(criterion);
  });

  it('keeps the under-30 amount at extension after 30 when the first permit and every employer change came before 30', () => {
    expect(hsmCriterionFor(table, { referenceDate: on, birthDate: '1990-01-01', firstHsmPermitAndEmployerChangesBefore30: true })).toBe(
      'HSM_UNDER_30',
    );
    expect(hsmCriterionFor(table, { referenceDate: on, birthDate: '1990-01-01', firstHsmPermitAndEmployerChangesBefore30: false })).toBe(
      'HSM_30_AND_OVER',
    );
  });

  it('a 29 February birthday turns 30 on 28 February of a common year', () => {
    expect(hsmCriterionFor(table, { referenceDate: '2030-02-27', birthDate: '2000-02-29' })).toBe('HSM_UNDER_30');
    expect(hsmCriterionFor(table, { referenceDate: '2030-02-28', birthDate: '2000-02-29' })).toBe('HSM_30_AND_OVER');
  });
});

describe('the reduced criterion', () => {
  it.each([
    ['2020-03-01', '2023-03-01', 'HSM_REDUCED'], // exactly 3 years after graduating
    ['2020-03-01', '2023-03-02', 'HSM_30_AND_OVER'], // one day too late
    ['2025-03-01', '2026-03-01', 'HSM_REDUCED'],
    ['2026-04-01', '2026-03-01', 'HSM_30_AND_OVER'], // not graduated yet on the reference date
  ])('graduated %s, reference date %s: %s', (qualifyingGraduationOn, referenceDate, criterion) => {
    expect(hsmCriterionFor(table, { referenceDate, birthDate: '1980-01-01', qualifyingGraduationOn })).toBe(criterion);
  });

  it('applies right after an orientation year, whatever the age', () => {
    expect(hsmCriterionFor(table, { referenceDate: '2026-03-01', birthDate: '1980-01-01', afterOrientationYear: true })).toBe(
      'HSM_REDUCED',
    );
  });

  it('wins over the under-30 amount, being the lower one', () => {
    expect(hsmCriterionFor(table, { referenceDate: '2026-03-01', birthDate: '2000-01-01', qualifyingGraduationOn: '2025-07-01' })).toBe(
      'HSM_REDUCED',
    );
    expect(amountOn('HSM_REDUCED', '2026-03-01')).toBeLessThan(amountOn('HSM_UNDER_30', '2026-03-01') ?? 0);
  });
});

describe('the Blue Card recent-graduate amount', () => {
  it('applies to a degree at most 3 years before the application under the new regime', () => {
    expect(blueCardCriterionFor(table, { referenceDate: '2025-06-30', degreeObtainedOn: '2022-06-30' })).toBe('BLUE_CARD_RECENT_GRADUATE');
    expect(blueCardCriterionFor(table, { referenceDate: '2025-07-01', degreeObtainedOn: '2022-06-30' })).toBe('BLUE_CARD_STANDARD');
  });

  it('does not exist before 2024-06-12: the old regime knows only the standard amount', () => {
    expect(blueCardCriterionFor(table, { referenceDate: '2024-06-11', degreeObtainedOn: '2024-01-15' })).toBe('BLUE_CARD_STANDARD');
    expect(blueCardCriterionFor(table, { referenceDate: '2024-06-12', degreeObtainedOn: '2024-01-15' })).toBe('BLUE_CARD_RECENT_GRADUATE');
    expect(salaryCriterionAmount(table, 'BLUE_CARD_RECENT_GRADUATE', '2024-06-11')).toBeUndefined();
  });

  it('without a degree date is the standard amount', () => {
    expect(blueCardCriterionFor(table, { referenceDate: '2026-01-02' })).toBe('BLUE_CARD_STANDARD');
  });
});

describe('loading the table', () => {
  it('refuses overlapping years', () => {
    const copy = structuredClone(bundled) as { highlySkilledMigrant: { entries: { validTo: string | null }[] } };
    copy.highlySkilledMigrant.entries[0].validTo = '2024-01-01';
    expect(() => parseSalaryThresholdReference(copy)).toThrow(/overlaps/);
  });

  it('refuses swapped HSM columns', () => {
    const copy = structuredClone(bundled) as { highlySkilledMigrant: { entries: { under30: number; reduced: number }[] } };
    copy.highlySkilledMigrant.entries[1].under30 = 2000;
    expect(() => parseSalaryThresholdReference(copy)).toThrow(/reduced < under30 < aged30AndOver/);
  });
});
