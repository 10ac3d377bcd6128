import { nearestRankPercentile, percentHalfUp, roundToMultiple } from './feed-statistics';

describe('feed statistics', () => {
  it('rounds percentages half up, exactly at the half', () => {
    expect(percentHalfUp(199, 200)).toBe(100); // 99.5
    expect(percentHalfUp(1989, 2000)).toBe(99); // 99.45
    expect(percentHalfUp(1, 8)).toBe(13); // 12.5
    expect(percentHalfUp(1, 3)).toBe(33);
    expect(percentHalfUp(0, 5)).toBe(0);
    expect(percentHalfUp(0, 0)).toBeNull();
  });

  it('takes percentiles by nearest rank, without interpolation', () => {
    expect(nearestRankPercentile([1, 2, 3, 4], 50)).toBe(2);
    expect(nearestRankPercentile([1, 2, 3, 4, 5], 50)).toBe(3);
    expect(nearestRankPercentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100], 90)).toBe(90);
    expect(nearestRankPercentile([10, 20, 30, 40, 50, 60, 70, 80, 90, 100, 110], 90)).toBe(100);
    expect(nearestRankPercentile([7], 90)).toBe(7);
    expect(nearestRankPercentile([], 50)).toBeNull();
  });

  it('rounds to a multiple half up', () => {
    expect([1, 2, 3, 7, 8, 12, 13].map((v) => roundToMultiple(v, 5))).toEqual([0, 0, 5, 5, 10, 10, 15]);
  });
});
