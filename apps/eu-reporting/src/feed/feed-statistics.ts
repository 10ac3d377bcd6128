/**
 * Whole percent, rounded half up, in integer arithmetic: floor((200·n + d) / 2d) is round(100·n/d) with ties
 * going up, without a binary fraction ever deciding a tie (0.995 is not exactly representable, so
 * `Math.round(100 * 199 / 200)` style code can land either side). 99.5 % becomes 100 %, as in the IND table.
 * Null when there is nothing to take a share of.
 */
export function percentHalfUp(numerator: number, denominator: number): number | null {
  if (denominator === 0) return null;
  return Math.floor((200 * numerator + denominator) / (2 * denominator));
}

/**
 * Nearest-rank percentile of ascending values: the smallest value with at least p % of values at or below
 * it. No interpolation, so a median is always a number of days some application actually took, and the
 * figure does not depend on floating-point arithmetic.
 */
export function nearestRankPercentile(ascending: ArrayLike<number>, percentile: number): number | null {
  const n = ascending.length;
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil((percentile * n) / 100));
  return ascending[rank - 1];
}

/** Rounds half up to a multiple of `base` (small-cell rounding). */
export function roundToMultiple(value: number, base: number): number {
  return Math.floor((2 * value + base) / (2 * base)) * base;
}
