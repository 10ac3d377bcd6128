import type { ImportWageDeclarationsRequest } from '@welkom/contracts/generated/welkom/uwv/v1/wage_declarations';
import { fieldRule, invalid, isAbsent, isoDate, message, parseRequest, personIdentifier, referenceId } from '@welkom/validation';
import { isIsoDate } from '@welkom/platform';
import { z } from 'zod';
import { employeeKeyOf } from './wage-declaration';

export const MAX_DECLARATIONS_PER_BATCH = 1000;
/** A sanity ceiling (€ 1,000,000 a month): a larger figure is a payroll error, not a wage. */
const MAX_MONTHLY_CENTS = 100_000_000;

export interface WageDeclarationLine {
  readonly declarationReference: string;
  readonly employeeKey: string;
  readonly periodStart: string;
  readonly grossMonthlySalaryCents: number;
  readonly employmentEndedOn: string | null;
}

const cents = () =>
  fieldRule((value) => {
    // int64 arrives as a decimal string (forceLong=string); unset is "0".
    const digits =
      value === undefined || value === null ? '0' : typeof value === 'string' || typeof value === 'number' ? String(value) : '';
    if (!/^[0-9]{1,12}$/.test(digits)) return invalid('must be a whole number of euro cents, 0 or more');
    const amount = Number(digits);
    return amount <= MAX_MONTHLY_CENTS ? amount : invalid(`must be at most ${MAX_MONTHLY_CENTS} cents a month`);
  });

const optionalDate = () =>
  fieldRule((value) =>
    isAbsent(value) ? null : typeof value === 'string' && isIsoDate(value) ? value : invalid('must be an ISO date YYYY-MM-DD'),
  );

const declaration = message({
  declarationReference: referenceId(64),
  employee: personIdentifier('must name a person: wages are declared per employee, not per organisation'),
  periodStart: isoDate(),
  guaranteedGrossMonthlySalaryCents: cents(),
  employmentEndedOn: optionalDate(),
});

const schema = z.object({
  declarations: z
    .array(declaration, { error: 'must be a list of declarations' })
    .min(1, `must hold 1-${MAX_DECLARATIONS_PER_BATCH} declarations`)
    .max(MAX_DECLARATIONS_PER_BATCH, `must hold 1-${MAX_DECLARATIONS_PER_BATCH} declarations`),
});

export function importWageDeclarationsCommand(request: ImportWageDeclarationsRequest): WageDeclarationLine[] {
  const input = parseRequest(schema, request);
  return input.declarations.map((line) => ({
    declarationReference: line.declarationReference,
    employeeKey: employeeKeyOf(line.employee),
    periodStart: line.periodStart,
    grossMonthlySalaryCents: line.guaranteedGrossMonthlySalaryCents,
    employmentEndedOn: line.employmentEndedOn,
  }));
}
