import { formatIsoDate, parseIsoDate } from '@welkom/platform';
import { DeadlineError } from './deadline.errors';
import { bundledPublicHolidayReference, parsePublicHolidayReference, type PublicHolidayReference } from './public-holiday.reference';
import { ReferenceDataError } from '@welkom/reference-data';
import bundledJson from '../../reference/dutch-public-holidays.v1.json';
import { WorkingDayCalendar } from './working-day.calendar';

const reference = bundledPublicHolidayReference();
const calendar = new WorkingDayCalendar(reference);
const day = (iso: string): number => parseIsoDate(iso) as number;

function copyOfBundled(): PublicHolidayReference {
  return structuredClone(bundledJson) as unknown as PublicHolidayReference;
}

function reasonOf(act: () => unknown): string | undefined {
  try {
    act();
  } catch (error) {
    return error instanceof DeadlineError ? error.reason : `unexpected ${String(error)}`;
  }
  return undefined;
}

describe('working-day calendar from the bundled reference data', () => {
  it('covers every year from 2015 to 2030', () => {
    expect(calendar.firstYear).toBeLessThanOrEqual(2015);
    expect(calendar.lastYear).toBeGreaterThanOrEqual(2030);
    expect(reference.years.map((y) => y.year)).toEqual(Array.from({ length: 16 }, (_, i) => 2015 + i));
  });

  it.each([
    ['2026-04-03', 'Good Friday (Atw art. 3(2))', false],
    ['2026-04-06', 'Easter Monday', false],
    ['2026-04-27', "King's Day on a Monday", false],
    ['2026-05-05', 'Liberation Day in a year that is not a lustrum', false],
    ['2025-05-05', 'Liberation Day in the lustrum year 2025', false],
    ['2026-05-14', 'Ascension Day', false],
    ['2026-05-15', 'the Friday after Ascension, equated by the 2026-2028 decree', false],
    ['2026-01-02', 'the Friday after New Year 2026, equated by decree', false],
    ['2024-12-27', 'the Friday after Boxing Day 2024, equated by decree', false],
    ['2026-05-04', 'Monday 4 May 2026 (Remembrance Day is not a holiday and no decree equates it)', true],
    ['2026-04-02', 'Maundy Thursday', true],
    ['2026-05-23', 'a Saturday', false],
    ['2026-05-24', 'Whit Sunday, a Sunday anyway', false],
    ['2026-06-10', 'an ordinary Wednesday', true],
  ])('treats %s (%s) as a working day: %s', (iso, _why, working) => {
    expect(calendar.isWorkingDay(day(iso))).toBe(working);
  });

  it('rolls a day off forward to the next working day, across a whole chain of days off', () => {
    expect(formatIsoDate(calendar.firstWorkingDayOnOrAfter(day('2026-04-03')))).toBe('2026-04-07');
    expect(formatIsoDate(calendar.firstWorkingDayOnOrAfter(day('2026-05-14')))).toBe('2026-05-18');
    expect(formatIsoDate(calendar.firstWorkingDayOnOrAfter(day('2026-06-10')))).toBe('2026-06-10');
  });

  it('refuses to guess a possible bridge day in a year whose decree is not in reference data', () => {
    // 2029: Ascension on Thursday 10 May; the 2029-2031 decree has not been published yet.
    expect(reasonOf(() => calendar.isWorkingDay(day('2029-05-11')))).toBe('HOLIDAY_CALENDAR_NOT_CONFIRMED');
    // A weekday next to no holiday is a working day whatever the decree will say.
    expect(calendar.isWorkingDay(day('2029-05-09'))).toBe(true);
  });

  it('uses an equated day that a secondary source gives for a year whose decree is missing', () => {
    expect(calendar.isWorkingDay(day('2022-05-27'))).toBe(false);
  });

  it('refuses days outside the years in reference data', () => {
    expect(reasonOf(() => calendar.isWorkingDay(day('2031-01-06')))).toBe('HOLIDAY_CALENDAR_NOT_COVERED');
    expect(reasonOf(() => calendar.isWorkingDay(day('2014-12-31')))).toBe('HOLIDAY_CALENDAR_NOT_COVERED');
  });
});

describe('holiday reference data checks', () => {
  it('refuses a year whose Easter-dependent holiday was typed wrong', () => {
    const broken = copyOfBundled();
    const year2027 = broken.years.find((y) => y.year === 2027);
    const ascension = year2027?.holidays.find((h) => h.kind === 'ASCENSION_DAY');
    if (ascension === undefined) throw new Error('fixture: 2027 has no Ascension Day');
    (ascension as { date: string }).date = '2027-05-07';
    expect(() => parsePublicHolidayReference(broken)).toThrow(/2027.*holidays differ/);
  });

  it('refuses a year that drops Good Friday', () => {
    const broken = copyOfBundled();
    const year2026 = broken.years.find((y) => y.year === 2026);
    if (year2026 === undefined) throw new Error('fixture: no 2026');
    (year2026 as { holidays: unknown[] }).holidays = year2026.holidays.filter((h) => h.kind !== 'GOOD_FRIDAY');
    expect(() => parsePublicHolidayReference(broken)).toThrow(ReferenceDataError);
  });

  it('refuses an equated day whose source is not named', () => {
    const broken = copyOfBundled();
    const year2026 = broken.years.find((y) => y.year === 2026);
    (year2026?.equatedDays as { date: string; source: string }[]).push({ date: '2026-05-04', source: 'rumour' });
    expect(() => parsePublicHolidayReference(broken)).toThrow(/source "rumour" is not in legalSources/);
  });

  it('refuses a gap between years', () => {
    const broken = copyOfBundled();
    (broken as { years: unknown[] }).years = broken.years.filter((y) => y.year !== 2020);
    expect(() => parsePublicHolidayReference(broken)).toThrow(/consecutive/);
  });
});
