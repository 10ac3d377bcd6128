import { ClockRepository, dutchDateOf } from './clock.repository';

describe('ClockRepository', () => {
  afterEach(() => jest.useRealTimers());

  it('tells the date in the Netherlands, not in UTC, around midnight', () => {
    expect(dutchDateOf(new Date('2026-03-31T22:30:00Z'))).toBe('2026-04-01'); // CEST, UTC+2
    expect(dutchDateOf(new Date('2026-12-31T22:59:59Z'))).toBe('2026-12-31'); // CET, UTC+1
    expect(dutchDateOf(new Date('2026-12-31T23:00:00Z'))).toBe('2027-01-01');
  });

  it('runs on the wall clock when no offset is given', () => {
    jest.useFakeTimers({ now: new Date('2026-06-12T10:00:00Z') });
    const clock = new ClockRepository();
    expect(clock.now().toISOString()).toBe('2026-06-12T10:00:00.000Z');
    expect(clock.today()).toBe('2026-06-12');
  });

  it('runs ahead by the rehearsal offset in whole days', () => {
    jest.useFakeTimers({ now: new Date('2026-06-12T10:00:00Z') });
    const clock = new ClockRepository(90);
    expect(clock.now().toISOString()).toBe('2026-09-10T10:00:00.000Z');
    expect(clock.today()).toBe('2026-09-10');
  });
});
