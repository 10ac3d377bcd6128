import { formatIsoDate } from '@welkom/platform';
import { easterSunday, kingsDayOf, statutoryHolidaysOf } from './public-holiday.rules';

const KINGS_DAY_RULE = { month: 4, day: 27, sundayShiftDays: -1 };

describe('Dutch public holidays under the Algemene termijnenwet', () => {
  it.each([
    [2015, '2015-04-05'],
    [2016, '2016-03-27'],
    [2017, '2017-04-16'],
    [2018, '2018-04-01'],
    [2019, '2019-04-21'],
    [2020, '2020-04-12'],
    [2021, '2021-04-04'],
    [2022, '2022-04-17'],
    [2023, '2023-04-09'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2028, '2028-04-16'],
    [2029, '2029-04-01'],
    [2030, '2030-04-21'],
    // The extremes of the Gregorian computus: the earliest and the latest possible Easter.
    [1818, '1818-03-22'],
    [2285, '2285-03-22'],
    [2038, '2038-04-25'],
  ])('Easter Sunday %i falls on %s', (year, expected) => {
    expect(formatIsoDate(easterSunday(year))).toBe(expected);
  });

  it('lists the 2026 holidays as published, Good Friday and a non-lustrum 5 May included', () => {
    expect(statutoryHolidaysOf(2026, KINGS_DAY_RULE)).toEqual([
      { date: '2026-01-01', kind: 'NEW_YEARS_DAY' },
      { date: '2026-04-03', kind: 'GOOD_FRIDAY' },
      { date: '2026-04-06', kind: 'EASTER_MONDAY' },
      { date: '2026-04-27', kind: 'KINGS_DAY' },
      { date: '2026-05-05', kind: 'LIBERATION_DAY' },
      { date: '2026-05-14', kind: 'ASCENSION_DAY' },
      { date: '2026-05-25', kind: 'WHIT_MONDAY' },
      { date: '2026-12-25', kind: 'CHRISTMAS_DAY' },
      { date: '2026-12-26', kind: 'BOXING_DAY' },
    ]);
  });

  it.each([
    [2024, '2024-04-27'],
    [2025, '2025-04-26'],
    [2026, '2026-04-27'],
    [2031, '2031-04-26'],
  ])("celebrates King's Day %i on %s, the Saturday before when 27 April is a Sunday", (year, expected) => {
    expect(formatIsoDate(kingsDayOf(year, KINGS_DAY_RULE))).toBe(expected);
  });

  it('keeps both holidays when Ascension Day falls on 5 May, as in 2016', () => {
    const may5 = statutoryHolidaysOf(2016, KINGS_DAY_RULE).filter((h) => h.date === '2016-05-05');
    expect(may5.map((h) => h.kind)).toEqual(['ASCENSION_DAY', 'LIBERATION_DAY']);
  });
});
