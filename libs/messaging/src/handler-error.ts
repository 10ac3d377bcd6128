import { isDomainError } from '@welkom/errors';

export type HandlerFailure = 'REJECTED' | 'TRANSIENT';

// SQLSTATE classes that no retry can fix: bad data (22) and integrity violations (23). Serialisation
// failures and deadlocks (40), lock timeouts (55P03), connection loss (08) and the rest may pass next time.
const PERMANENT_SQLSTATE_CLASSES = ['22', '23'];

/**
 * A handler that rejects an event for business reasons (a domain error other than UNAVAILABLE or
 * DEADLINE_EXCEEDED), or whose data the database refuses, will fail the same way on every retry: straight
 * to the dead-letter topic. Anything else (database down, lock timeout, broker hiccup) may pass on a retry.
 */
export function classifyHandlerFailure(error: unknown): HandlerFailure {
  if (isDomainError(error)) {
    return error.code === 'UNAVAILABLE' || error.code === 'DEADLINE_EXCEEDED' ? 'TRANSIENT' : 'REJECTED';
  }
  const sqlState = sqlStateOf(error);
  if (sqlState !== undefined && PERMANENT_SQLSTATE_CLASSES.includes(sqlState.slice(0, 2))) return 'REJECTED';
  return 'TRANSIENT';
}

/** TypeORM's QueryFailedError copies the driver's fields, so the SQLSTATE is `code` on the error itself. */
function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
