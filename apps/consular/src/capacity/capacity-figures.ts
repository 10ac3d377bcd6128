import type { OfferRow } from '../entry-visa/mvv-case';

/**
 * The figures per post a ministry needs to argue consular capacity (seed 003: about 10 % cuts, more work):
 * the slots it offered and how many were used (biometrics taken there), the waiting days to its first free slot
 * when an applicant asked it first (p50, p90), and how many of those it had to pool to another post.
 */
export interface PostCapacity {
  readonly post: string;
  readonly slotsOffered: number;
  readonly slotsUsed: number;
  /** Nearest-rank percentiles of the waiting days; null when nobody asked this post first yet. */
  readonly waitingDaysP50: number | null;
  readonly waitingDaysP90: number | null;
  /** Applicants who asked this post first and were offered a slot at another. */
  readonly pooledToOtherPosts: number;
}

/** The nearest-rank percentile (the smallest value with at least p % of the values at or below it). */
export function nearestRankPercentile(values: readonly number[], percent: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)];
}

export function capacityFigures(posts: readonly string[], offers: readonly OfferRow[]): PostCapacity[] {
  return posts.map((post) => {
    const askedFirst = offers.filter((offer) => offer.firstPost === post);
    const waiting = askedFirst.flatMap((offer) => (offer.firstPostWaitingDays === null ? [] : [offer.firstPostWaitingDays]));
    const offeredHere = offers.filter((offer) => offer.post === post);
    return {
      post,
      slotsOffered: offeredHere.length,
      slotsUsed: offeredHere.filter((offer) => offer.used).length,
      waitingDaysP50: nearestRankPercentile(waiting, 50),
      waitingDaysP90: nearestRankPercentile(waiting, 90),
      pooledToOtherPosts: askedFirst.filter((offer) => offer.post !== post).length,
    };
  });
}
