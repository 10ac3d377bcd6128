import { exponentialBackoff } from './exponential-backoff';

describe('exponentialBackoff', () => {
  it('doubles the delay per attempt from the base', () => {
    expect([1, 2, 3, 4].map((attempt) => exponentialBackoff(attempt, { baseMs: 200 }))).toEqual([200, 400, 800, 1600]);
  });

  it('never waits longer than the ceiling', () => {
    expect([6, 7, 8, 100].map((attempt) => exponentialBackoff(attempt, { baseMs: 1000, ceilingMs: 60_000 }))).toEqual([
      32_000, 60_000, 60_000, 60_000,
    ]);
  });

  it('stays finite for an absurd number of attempts without a ceiling', () => {
    expect(Number.isFinite(exponentialBackoff(10_000, { baseMs: 100 }))).toBe(true);
  });

  it('spreads a jittered delay over the upper half of the plain one', () => {
    const settings = { baseMs: 100, ceilingMs: 5_000, jitter: true };
    expect(exponentialBackoff(3, { ...settings, random: () => 0 })).toBe(200);
    expect(exponentialBackoff(3, { ...settings, random: () => 0.999_999 })).toBe(400);
    expect(exponentialBackoff(20, { ...settings, random: () => 0.5 })).toBe(3_750);
  });
});
