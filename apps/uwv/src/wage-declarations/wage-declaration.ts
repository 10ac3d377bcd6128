import type { IsoDate } from '@welkom/platform';
import type { PersonId } from '@welkom/validation';

/** One employee's guaranteed wage from a day on, as an employer's payroll declared it. Stays at UWV. */
export interface WageDeclaration {
  readonly employerOin: string;
  readonly declarationReference: string;
  /** The employee as `employeeKeyOf` writes it: how UWV finds the person a hub request names. */
  readonly employeeKey: string;
  readonly periodStart: IsoDate;
  /** Gross per month in euro cents, excluding the holiday allowance (DOMAIN.md §1.2). */
  readonly grossMonthlySalaryCents: number;
  readonly employmentEndedOn: IsoDate | null;
}

export interface WageDeclarationImport {
  readonly imported: number;
  readonly alreadyImported: number;
}

/** One key per person identifier, upper-cased as the validation lib returns it. */
export function employeeKeyOf(id: PersonId): string {
  switch (id.kind) {
    case 'passport':
      return `passport:${id.issuingCountry}:${id.number}`;
    case 'bsn':
    case 'v-number':
    case 'pseudonym':
      return `${id.kind}:${id.value}`;
  }
}

/**
 * The wage that holds for the employee now: the declaration with the latest period start (the newest import of
 * that day when an employer corrected it). Undefined when UWV holds none.
 */
export function currentDeclaration(declarations: readonly (WageDeclaration & { readonly importedAt: Date })[]) {
  return [...declarations].sort((a, b) => b.periodStart.localeCompare(a.periodStart) || b.importedAt.getTime() - a.importedAt.getTime())[0];
}
