import {
  addCalendarDays,
  addCalendarMonths,
  calendarDaysBetween,
  completedYearsBetween,
  checkIsoDate,
  civilDateOf,
  epochDayOf,
  formatIsoDate,
  isIsoDate,
  isoWeekdayOf,
  monthNumberOf,
  parseIsoDate,
  SATURDAY,
  SUNDAY,
  yearOf,
} from '@welkom/platform';

describe('calendar days', () => {
  it('agrees with the JavaScript calendar on epoch days across leap years and centuries', () => {
    for (const [y, m, d] of [
      [1970, 1, 1],
      [2000, 2, 29],
      [2015, 1, 1],
      [2020, 2, 29],
      [2100, 3, 1],
      [1899, 12, 31],
    ]) {
      expect(epochDayOf(y, m, d)).toBe(Date.UTC(y, m - 1, d) / 86_400_000);
    }
  });

  it('turns every day of 1999–2031 back into the same date and month number', () => {
    for (let day = epochDayOf(1999, 1, 1); day <= epochDayOf(2031, 12, 31); day++) {
      const { year, month, day: dayOfMonth } = civilDateOf(day);
      expect(epochDayOf(year, month, dayOfMonth)).toBe(day);
      expect(monthNumberOf(day)).toBe(year * 12 + month - 1);
    }
  });

  it('parses strict ISO dates only and tells a bad format from a day that does not exist', () => {
    expect(formatIsoDate(checkIsoDate('2024-02-29') as number)).toBe('2024-02-29');
    expect(checkIsoDate('2023-02-29')).toBe('NO_SUCH_DAY');
    expect(checkIsoDate('2023-00-10')).toBe('NO_SUCH_DAY');
    expect(checkIsoDate('2023-04-31')).toBe('NO_SUCH_DAY');
    for (const text of ['2023-4-01', '2023/04/01', '20230401', '2023-04-01T00:00', ' 2023-04-01', '2O23-04-01', '']) {
      expect([text, checkIsoDate(text)]).toEqual([text, 'FORMAT']);
    }
  });

  it('gives no epoch day for a text that is not a real ISO date, where Date.parse would roll it over', () => {
    expect(parseIsoDate('2026-02-30')).toBeUndefined();
    expect(parseIsoDate('2026-2-3')).toBeUndefined();
    expect(isIsoDate('2026-02-30')).toBe(false);
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(parseIsoDate('2026-02-28')).toBe(epochDayOf(2026, 2, 28));
  });

  it('knows the weekday and the year of a day', () => {
    expect(isoWeekdayOf(epochDayOf(1970, 1, 1))).toBe(4);
    expect(isoWeekdayOf(epochDayOf(2026, 12, 5))).toBe(SATURDAY);
    expect(isoWeekdayOf(epochDayOf(2026, 12, 6))).toBe(SUNDAY);
    expect(yearOf(epochDayOf(2024, 12, 31))).toBe(2024);
  });
});

describe('calendar days between ISO dates', () => {
  it('adds days across a year end and counts them back', () => {
    expect(addCalendarDays('2026-12-20', 90)).toBe('2027-03-20');
    expect(calendarDaysBetween('2026-12-20', '2027-03-20')).toBe(90);
    expect(calendarDaysBetween('2027-03-20', '2026-12-20')).toBe(-90);
  });

  it('refuses a day that does not exist', () => {
    expect(() => addCalendarDays('2026-02-30', 1)).toThrow(RangeError);
  });
});

describe('calendar months', () => {
  it.each([
    ['2026-01-15', 12, '2027-01-15'],
    ['2023-06-30', 36, '2026-06-30'],
    ['2024-02-29', 12, '2025-02-28'],
    ['2024-01-31', 1, '2024-02-29'],
    ['2026-03-31', -1, '2026-02-28'],
    ['2026-12-01', 1, '2027-01-01'],
  ])('counts %s plus %i months as %s, clamped to the end of a shorter month', (date, months, expected) => {
    expect(addCalendarMonths(date, months)).toBe(expected);
  });

  it('refuses a day that does not exist and a fraction of a month', () => {
    expect(() => addCalendarMonths('2026-02-30', 1)).toThrow(RangeError);
    expect(() => addCalendarMonths('2026-02-01', 1.5)).toThrow(RangeError);
  });
});

describe('completed years (an age on a day)', () => {
  it('refuses a text that is not a date', () => {
    expect(completedYearsBetween('2025-02-30', '2026-01-01')).toBeUndefined();
  });

  it.each([
    ['1996-03-02', '2026-03-01', 29],
    ['1996-03-01', '2026-03-01', 30],
    ['2000-02-29', '2030-02-28', 30],
    ['2000-02-29', '2030-02-27', 29],
  ])('born %s, on %s: %i completed years', (from, on, years) => {
    expect(completedYearsBetween(from, on)).toBe(years);
  });
});
