import { appearanceDeadline, entryDeadline, isPast } from './mvv-time-limit.policy';
import { bundledMvvTimeLimitReference } from './mvv-time-limit.reference';

const limits = bundledMvvTimeLimitReference();

describe('the 3-month appearance window (Vc B1/3.3.4)', () => {
  it.each([
    ['2026-03-10', '2026-06-10'],
    ['2026-01-31', '2026-04-30'],
    ['2026-11-30', '2027-02-28'],
    ['2027-11-30', '2028-02-29'],
  ])('notified on %s, the last day to appear is %s', (notifiedOn, lastDay) => {
    expect(appearanceDeadline(notifiedOn, limits)).toEqual({ lastDay, referenceVersion: 'mvv-time-limits.2026-1' });
  });

  it('is met on its last day and missed the day after', () => {
    const limit = appearanceDeadline('2026-03-10', limits);
    expect(isPast(limit.lastDay, '2026-06-10')).toBe(false);
    expect(isPast(limit.lastDay, '2026-06-11')).toBe(true);
  });
});

describe('the 90-day entry window (Vc B1/3.3.4)', () => {
  it.each([
    ['2026-03-01', '2026-05-30'],
    ['2026-12-01', '2027-03-01'],
    ['2027-12-01', '2028-02-29'],
  ])('issued on %s, the last day to enter is %s', (issuedOn, lastDay) => {
    expect(entryDeadline(issuedOn, limits).lastDay).toBe(lastDay);
  });

  it('is met on day 90 and missed on day 91', () => {
    const limit = entryDeadline('2026-03-01', limits);
    expect(isPast(limit.lastDay, '2026-05-30')).toBe(false);
    expect(isPast(limit.lastDay, '2026-05-31')).toBe(true);
  });

  it('has no limits before the TEV procedure the table starts with', () => {
    expect(() => entryDeadline('2013-05-31', limits)).toThrow(/no entry applies on 2013-05-31/);
  });
});
