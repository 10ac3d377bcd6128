import { isDomainError } from '@welkom/errors';

/**
 * - `REJECTED`: fails the same way on every retry (bad input, a business rule): dead-letter it at once.
 * - `OUTAGE`: something the handler needs is down or out of reach (database, hub): wait for it however long it
 *   takes, holding the partition, because skipping the event would apply later events for its key first.
 * - `TRANSIENT`: anything else (a lock timeout, a deadlock, an unexpected error): a few retries, then the
 *   dead-letter topic, so one broken event cannot hold its partition forever.
 */
export type HandlerFailure = 'REJECTED' | 'OUTAGE' | 'TRANSIENT';

// SQLSTATE classes that no retry can fix: bad data (22) and integrity violations (23).
const PERMANENT_SQLSTATE_CLASSES = ['22', '23'];
// The server is unreachable, shutting down or starting up: connection exceptions (08), operator intervention
// (57P01 admin shutdown, 57P02 crash shutdown, 57P03 cannot connect now), too many connections (53300).
const OUTAGE_SQLSTATE_CLASSES = ['08'];
const OUTAGE_SQLSTATES = ['57P01', '57P02', '57P03', '53300'];
// Socket-level failures of the driver or a gRPC client before any answer came back.
const OUTAGE_SYSTEM_CODES = ['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN'];
// node-postgres reports a lost or refused connection by message only (no SQLSTATE); 55000 with this text is
// a database closed to connections (ALLOW_CONNECTIONS false, as during a restore).
const OUTAGE_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /not currently accepting connections/i,
  /client has encountered a connection error/i,
  /connection is closed/i,
];
// @grpc/grpc-js status codes: 4 DEADLINE_EXCEEDED, 14 UNAVAILABLE.
const OUTAGE_GRPC_CODES = [4, 14];

/**
 * A handler that rejects an event for business reasons (a domain error other than UNAVAILABLE or
 * DEADLINE_EXCEEDED), or whose data the database refuses, will fail the same way on every retry: straight
 * to the dead-letter topic. A dependency that is down is waited for; anything else gets a few retries.
 */
export function classifyHandlerFailure(error: unknown): HandlerFailure {
  if (isDomainError(error)) {
    return error.code === 'UNAVAILABLE' || error.code === 'DEADLINE_EXCEEDED' ? 'OUTAGE' : 'REJECTED';
  }
  const sqlState = sqlStateOf(error);
  if (sqlState !== undefined && PERMANENT_SQLSTATE_CLASSES.includes(sqlState.slice(0, 2))) return 'REJECTED';
  return isOutage(error, 0) ? 'OUTAGE' : 'TRANSIENT';
}

/** Looks through `cause` and TypeORM's `driverError`, since wrappers keep the driver's error there. */
function isOutage(error: unknown, depth: number): boolean {
  if (typeof error !== 'object' || error === null || depth > 4) return false;
  const sqlState = sqlStateOf(error);
  if (sqlState !== undefined && (OUTAGE_SQLSTATE_CLASSES.includes(sqlState.slice(0, 2)) || OUTAGE_SQLSTATES.includes(sqlState))) {
    return true;
  }
  const { code, message } = error as { code?: unknown; message?: unknown };
  if (typeof code === 'string' && OUTAGE_SYSTEM_CODES.includes(code)) return true;
  if (typeof code === 'number' && OUTAGE_GRPC_CODES.includes(code) && 'details' in error) return true;
  if (typeof message === 'string' && OUTAGE_MESSAGES.some((pattern) => pattern.test(message))) return true;
  const { cause, driverError } = error as { cause?: unknown; driverError?: unknown };
  return isOutage(cause, depth + 1) || isOutage(driverError, depth + 1);
}

/** TypeORM's QueryFailedError copies the driver's fields, so the SQLSTATE is `code` on the error itself. */
function sqlStateOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null || !('code' in error)) return undefined;
  const { code } = error;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}
