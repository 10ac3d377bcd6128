import { decideVerificationCall } from './verification-quota.policy';

const HOUR = 3_600_000;
const quota = { calls: 3, windowMs: HOUR };
const T0 = Date.parse('2026-12-06T10:00:00Z');

describe('the per-party quota on audit verifications', () => {
  it('admits calls up to the quota within the window', () => {
    let calls: number[] = [];
    for (const minute of [0, 10, 20]) {
      const decision = decideVerificationCall(calls, T0 + minute * 60_000, quota);
      expect(decision.admitted).toBe(true);
      calls = decision.calls;
    }
    expect(calls).toHaveLength(3);
  });

  it('refuses the call beyond the quota, saying when the oldest call leaves the window', () => {
    const earlier = [T0, T0 + 10 * 60_000, T0 + 20 * 60_000];
    const decision = decideVerificationCall(earlier, T0 + 30 * 60_000, quota);
    expect(decision).toEqual({ admitted: false, retryAfterMs: 30 * 60_000, calls: earlier });
  });

  it('admits again once the oldest call is an hour old, and forgets calls outside the window', () => {
    const earlier = [T0, T0 + 10 * 60_000, T0 + 20 * 60_000];
    const decision = decideVerificationCall(earlier, T0 + HOUR, quota);
    expect(decision).toEqual({ admitted: true, calls: [T0 + 10 * 60_000, T0 + 20 * 60_000, T0 + HOUR] });
  });

  it('does not count refused calls against the party', () => {
    const earlier = [T0, T0 + 1, T0 + 2];
    const refused = decideVerificationCall(earlier, T0 + 5, quota);
    expect(refused.calls).toEqual(earlier);
    expect(decideVerificationCall(refused.calls, T0 + HOUR + 1, quota)).toMatchObject({ admitted: true });
  });
});
