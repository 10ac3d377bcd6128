import { capacityFigures, nearestRankPercentile } from './capacity-figures';

describe('capacity figures per post', () => {
  it('takes nearest-rank percentiles', () => {
    expect(nearestRankPercentile([], 50)).toBeNull();
    expect(nearestRankPercentile([7], 90)).toBe(7);
    expect(nearestRankPercentile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9], 50)).toBe(5);
    expect(nearestRankPercentile([10, 1, 2, 3, 4, 5, 6, 7, 8, 9], 90)).toBe(9);
    expect(nearestRankPercentile([1, 2, 3], 90)).toBe(3);
  });

  it('counts offers and uses where the slot was, waiting and pooling where the applicant asked first', () => {
    const figures = capacityFigures(
      ['lagos', 'be-abuja', 'nairobi'],
      [
        { firstPost: 'lagos', post: 'lagos', firstPostWaitingDays: 1, used: true },
        { firstPost: 'lagos', post: 'be-abuja', firstPostWaitingDays: 30, used: true },
        { firstPost: 'lagos', post: 'nairobi', firstPostWaitingDays: null, used: false },
        { firstPost: 'nairobi', post: 'nairobi', firstPostWaitingDays: 2, used: true },
      ],
    );
    expect(figures).toEqual([
      { post: 'lagos', slotsOffered: 1, slotsUsed: 1, waitingDaysP50: 1, waitingDaysP90: 30, pooledToOtherPosts: 2 },
      { post: 'be-abuja', slotsOffered: 1, slotsUsed: 1, waitingDaysP50: null, waitingDaysP90: null, pooledToOtherPosts: 0 },
      { post: 'nairobi', slotsOffered: 2, slotsUsed: 1, waitingDaysP50: 2, waitingDaysP90: 2, pooledToOtherPosts: 0 },
    ]);
  });
});
