/** How many verifications a party may ask for within a sliding window. */
export interface VerificationQuota {
  calls: number;
  windowMs: number;
}

export type QuotaDecision =
  /** `calls` are the admitted calls still inside the window, this one included: keep them for the next decision. */
  | { admitted: true; calls: number[] }
  /** When the oldest call in the window leaves it, a new one is admitted. */
  | { admitted: false; retryAfterMs: number; calls: number[] };

/**
 * A sliding-window log: a call is admitted when fewer than `quota.calls` admitted calls happened in the `windowMs`
 * before it. Refused calls do not count, so a party that keeps asking is let in as soon as its window has room.
 * Times are milliseconds since the epoch; `earlier` are the party's admitted calls, oldest first.
 */
export function decideVerificationCall(earlier: readonly number[], now: number, quota: VerificationQuota): QuotaDecision {
  const inWindow = earlier.filter((at) => at > now - quota.windowMs);
  if (inWindow.length < quota.calls) return { admitted: true, calls: [...inWindow, now] };
  const oldestThatCounts = inWindow[inWindow.length - quota.calls];
  return { admitted: false, retryAfterMs: oldestThatCounts + quota.windowMs - now, calls: inWindow };
}
