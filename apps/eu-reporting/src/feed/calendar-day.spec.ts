import { civilDateOf, epochDayOf, formatIsoDate, monthNumberOf, parseIsoDate } from './calendar-day';

describe('calendar days', () => {
  it('agrees with the JavaScript calendar on epoch days across leap years and centuries', () => {
    for (const [y, m, d] of [[1970, 1, 1], [2000, 2, 29], [2015, 1, 1], [2020, 2, 29], [2100, 3, 1], [1899, 12, 31]]) {
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
    expect(formatIsoDate(parseIsoDate('2024-02-29') as number)).toBe('2024-02-29');
    expect(parseIsoDate('2023-02-29')).toBe('NO_SUCH_DAY');
    expect(parseIsoDate('2023-00-10')).toBe('NO_SUCH_DAY');
    expect(parseIsoDate('2023-04-31')).toBe('NO_SUCH_DAY');
    for (const text of ['2023-4-01', '2023/04/01', '20230401', '2023-04-01T00:00', ' 2023-04-01', '2O23-04-01', '']) {
      expect([text, parseIsoDate(text)]).toEqual([text, 'FORMAT']);
    }
  });
});
