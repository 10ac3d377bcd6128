import type { IsoDate } from '@welkom/platform';
import { type SalaryCriterion, salaryCriterionAmount, type SalaryThresholdReference } from '@welkom/reference-data';
import type { WageDeclaration } from '../wage-declarations/wage-declaration';

/** What the requester asks UWV (the hub's EvidenceQuestion): does the wage meet this criterion on this day? */
export interface WageQuestion {
  readonly criterion: SalaryCriterion;
  readonly referenceDate: IsoDate;
  /** The table the requester decides with; empty when it left the choice to UWV. */
  readonly tableVersion: string;
  /** The employer whose declarations count (the sponsor who filed); null: any employer's. */
  readonly employerOin: string | null;
}

/** The derived fact UWV issues: yes/no with what it rests on, never the salary. */
export interface WageFact {
  readonly meetsThreshold: boolean;
  readonly criterion: SalaryCriterion;
  readonly referenceDate: IsoDate;
  readonly tableVersion: string;
  /** Why not, when it does not: for UWV's own records and the revocation reason, never disclosed as an amount. */
  readonly shortfall: 'SALARY_BELOW_CRITERION' | 'EMPLOYMENT_ENDED' | null;
}

export type WageAnswer =
  | { readonly answered: true; readonly fact: WageFact }
  | { readonly answered: false; readonly reason: 'NO_DECLARATION' | 'TABLE_VERSION_NOT_HELD' | 'NO_AMOUNT_ON_REFERENCE_DATE' };

/**
 * Whether the guaranteed gross monthly salary of the employee's current declaration meets the criterion of the
 * shared threshold table on the reference date (DOMAIN.md §1.2, §1.3). An employment that has ended by `today`
 * meets nothing. UWV does not answer without a declaration, or on a table it does not hold: the request stays open
 * rather than getting a "no" the IND would refuse on.
 */
export function answerWageQuestion(
  table: SalaryThresholdReference,
  question: WageQuestion,
  declaration: WageDeclaration | undefined,
  today: IsoDate,
): WageAnswer {
  if (question.tableVersion !== '' && question.tableVersion !== table.version) return { answered: false, reason: 'TABLE_VERSION_NOT_HELD' };
  const amount = salaryCriterionAmount(table, question.criterion, question.referenceDate);
  if (amount === undefined) return { answered: false, reason: 'NO_AMOUNT_ON_REFERENCE_DATE' };
  if (declaration === undefined) return { answered: false, reason: 'NO_DECLARATION' };
  const ended = declaration.employmentEndedOn !== null && declaration.employmentEndedOn <= today;
  const below = declaration.grossMonthlySalaryCents < amount.amountEur * 100;
  const shortfall = ended ? 'EMPLOYMENT_ENDED' : below ? 'SALARY_BELOW_CRITERION' : null;
  return {
    answered: true,
    fact: {
      meetsThreshold: shortfall === null,
      criterion: question.criterion,
      referenceDate: question.referenceDate,
      tableVersion: table.version,
      shortfall,
    },
  };
}
