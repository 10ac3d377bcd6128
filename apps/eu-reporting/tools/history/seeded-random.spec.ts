import { SeededRandom } from './seeded-random';

describe('seeded random', () => {
  it('repeats its sequence for a seed and differs between seeds', () => {
    const draw = (seed: number): number[] => {
      const random = new SeededRandom(seed);
      return Array.from({ length: 5 }, () => random.nextUint32());
    };
    expect(draw(42)).toEqual(draw(42));
    expect(draw(42)).not.toEqual(draw(43));
  });

  it('stays within bounds and reaches both ends', () => {
    const random = new SeededRandom(1);
    const seen = new Set<number>();
    for (let i = 0; i < 2_000; i++) {
      const value = random.between(3, 7);
      expect(value).toBeGreaterThanOrEqual(3);
      expect(value).toBeLessThanOrEqual(7);
      seen.add(value);
    }
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it('never picks a zero weight and picks in proportion otherwise', () => {
    const random = new SeededRandom(9);
    const counts = [0, 0, 0];
    for (let i = 0; i < 30_000; i++) counts[random.pickWeighted([1, 0, 3])]++;
    expect(counts[1]).toBe(0);
    expect(counts[2] / counts[0]).toBeGreaterThan(2.7);
    expect(counts[2] / counts[0]).toBeLessThan(3.3);
  });
});
