import { bundledSalaryThresholdReference } from '@welkom/reference-data';
import type { WageDeclaration } from '../wage-declarations/wage-declaration';
import { answerWageQuestion, type WageQuestion } from './wage-threshold.decision';

const table = bundledSalaryThresholdReference();
const TODAY = '2026-12-06';

function declared(euros: number, employmentEndedOn: string | null = null): WageDeclaration {
  return {
    employerOin: '00000003612345670000',
    declarationReference: 'payroll-1',
    employeeKey: 'passport:US:KM0000001',
    periodStart: '2026-01-01',
    grossMonthlySalaryCents: Math.round(euros * 100),
    employmentEndedOn,
  };
}

const ask = (criterion: WageQuestion['criterion'], referenceDate: string, tableVersion = table.version): WageQuestion => ({
  criterion,
  referenceDate,
  tableVersion,
  employerOin: null,
});

describe('UWV answers "meets criterion X of table version V on date D" from the wage declarations', () => {
  // The amounts are the table's (salary-threshold.reference.spec.ts checks them against DOMAIN.md §1.2/§1.3).
  it.each([
    ['HSM_30_AND_OVER', '2026-03-01', 5942, true],
    ['HSM_30_AND_OVER', '2026-03-01', 5941.99, false],
    ['HSM_30_AND_OVER', '2025-12-31', 5688, true], // a TEV filed on 2025-12-31 is measured against 2025
    ['HSM_30_AND_OVER', '2026-01-01', 5688, false],
    ['HSM_UNDER_30', '2026-03-01', 4357, true],
    ['HSM_UNDER_30', '2026-03-01', 4356, false],
    ['HSM_REDUCED', '2026-03-01', 3122, true],
    ['HSM_REDUCED', '2026-03-01', 3121, false],
    ['BLUE_CARD_STANDARD', '2024-06-11', 5331, false], // old regime: € 6,245 until 2024-06-11
    ['BLUE_CARD_STANDARD', '2024-06-12', 5331, true], // new regime from 2024-06-12
    ['BLUE_CARD_RECENT_GRADUATE', '2026-03-01', 4754, true],
    ['BLUE_CARD_RECENT_GRADUATE', '2026-03-01', 4753, false],
  ] as const)('%s on %s with € %d a month: %s', (criterion, referenceDate, euros, meets) => {
    const answer = answerWageQuestion(table, ask(criterion, referenceDate), declared(euros), TODAY);
    expect(answer).toEqual({
      answered: true,
      fact: {
        meetsThreshold: meets,
        criterion,
        referenceDate,
        tableVersion: 'salary-thresholds.v1',
        shortfall: meets ? null : 'SALARY_BELOW_CRITERION',
      },
    });
  });

  it('an employment that has ended meets nothing, whatever the salary; one ending later still counts today', () => {
    const ended = answerWageQuestion(table, ask('HSM_30_AND_OVER', '2026-03-01'), declared(9000, '2026-12-06'), TODAY);
    expect(ended.answered && ended.fact).toMatchObject({ meetsThreshold: false, shortfall: 'EMPLOYMENT_ENDED' });
    const ending = answerWageQuestion(table, ask('HSM_30_AND_OVER', '2026-03-01'), declared(9000, '2026-12-07'), TODAY);
    expect(ending.answered && ending.fact).toMatchObject({ meetsThreshold: true, shortfall: null });
  });

  it('does not answer without a declaration, on a table it does not hold, or on a day the table has no amount for', () => {
    expect(answerWageQuestion(table, ask('HSM_30_AND_OVER', '2026-03-01'), undefined, TODAY)).toEqual({
      answered: false,
      reason: 'NO_DECLARATION',
    });
    expect(answerWageQuestion(table, ask('HSM_30_AND_OVER', '2026-03-01', 'salary-thresholds.v9'), declared(9000), TODAY)).toEqual({
      answered: false,
      reason: 'TABLE_VERSION_NOT_HELD',
    });
    expect(answerWageQuestion(table, ask('HSM_30_AND_OVER', '2022-12-31'), declared(9000), TODAY)).toEqual({
      answered: false,
      reason: 'NO_AMOUNT_ON_REFERENCE_DATE',
    });
  });

  it('answers on the table it holds when the requester named none', () => {
    const answer = answerWageQuestion(table, ask('HSM_30_AND_OVER', '2026-03-01', ''), declared(6000), TODAY);
    expect(answer.answered && answer.fact.tableVersion).toBe('salary-thresholds.v1');
  });
});
