/**
 * Rows of `manager.query()`. TypeORM hands back `[rows, rowCount]` for UPDATE and DELETE statements (also
 * with RETURNING) and the rows themselves for everything else.
 */
export function queryRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') {
    return result[0] as T[];
  }
  return result as T[];
}
