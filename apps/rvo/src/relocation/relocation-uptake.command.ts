import { RvoError } from '../rvo.errors';

/** `month=YYYY-MM` as the first day of that month; undefined (this month) when absent. */
export function uptakeQuery(query: Record<string, unknown>): string | undefined {
  const month = query.month;
  if (month === undefined) return undefined;
  if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
    throw new RvoError('INVALID_REQUEST', 'month must be written YYYY-MM', {
      fieldViolations: [{ field: 'month', description: 'must be a month written YYYY-MM' }],
    });
  return `${month}-01`;
}
