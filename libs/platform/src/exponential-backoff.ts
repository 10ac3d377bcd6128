export interface BackoffSettings {
  /** Delay before the first retry; it doubles per attempt. */
  readonly baseMs: number;
  /** Longest delay; none when absent. */
  readonly ceilingMs?: number;
  /**
   * Spread each delay over [delay / 2, delay], so many processes that failed together (every relay when the
   * broker went down) do not all retry in the same millisecond.
   */
  readonly jitter?: boolean;
  /** Source of the jitter; tests pass a fixed one. */
  readonly random?: () => number;
}

// 2^30 times any sensible base is years; the cap only keeps a runaway attempt count from reaching Infinity.
const MAX_DOUBLINGS = 30;

/**
 * How long to wait before retry number `attempt` (1 for the first retry): baseMs, 2 × baseMs, 4 × baseMs …
 * up to the ceiling. The one backoff rule of the project, for the event consumers, the outbox relay and
 * calls to other services.
 */
export function exponentialBackoff(attempt: number, settings: BackoffSettings): number {
  const doublings = Math.min(Math.max(attempt - 1, 0), MAX_DOUBLINGS);
  const delay = Math.min(settings.ceilingMs ?? Number.POSITIVE_INFINITY, settings.baseMs * 2 ** doublings);
  if (!settings.jitter) return delay;
  const random = settings.random ?? Math.random;
  return Math.round(delay / 2 + random() * (delay / 2));
}
