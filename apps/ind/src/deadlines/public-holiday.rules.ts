import { type EpochDay, epochDayOf, formatIsoDate, type IsoDate, isoWeekdayOf, SUNDAY } from '@welkom/platform';

/**
 * The days the Algemene termijnenwet (Atw) treats like a Sunday. Art. 3(1) lists the algemeen erkende
 * feestdagen, art. 3(2) adds Good Friday, and art. 3(3) lets the government equate further days by decree
 * (`EQUATED_DAY`, the bridge days published about every three years).
 */
export type PublicHolidayKind =
  | 'NEW_YEARS_DAY'
  | 'GOOD_FRIDAY'
  | 'EASTER_MONDAY'
  | 'KINGS_DAY'
  | 'LIBERATION_DAY'
  | 'ASCENSION_DAY'
  | 'WHIT_MONDAY'
  | 'CHRISTMAS_DAY'
  | 'BOXING_DAY'
  | 'EQUATED_DAY';

export const STATUTORY_HOLIDAY_KINDS = [
  'NEW_YEARS_DAY',
  'GOOD_FRIDAY',
  'EASTER_MONDAY',
  'KINGS_DAY',
  'LIBERATION_DAY',
  'ASCENSION_DAY',
  'WHIT_MONDAY',
  'CHRISTMAS_DAY',
  'BOXING_DAY',
] as const satisfies readonly PublicHolidayKind[];

export type StatutoryHolidayKind = (typeof STATUTORY_HOLIDAY_KINDS)[number];

export interface DatedHoliday {
  readonly date: IsoDate;
  readonly kind: StatutoryHolidayKind;
}

/**
 * Easter Sunday by the anonymous Gregorian algorithm (Meeus/Jones/Butcher), exact for every Gregorian year.
 */
export function easterSunday(year: number): EpochDay {
  const a = year % 19;
  const b = Math.floor(year / 100);
  const c = year % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c / 4);
  const k = c % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  const day = ((h + l - 7 * m + 114) % 31) + 1;
  return epochDayOf(year, month, day);
}

/** How King's Day is fixed for the reigning monarch; reference data carries it with its validity. */
export interface KingsDayRule {
  readonly month: number;
  readonly day: number;
  /** Days to move when the date is a Sunday (-1: celebrated the Saturday before, per the 1980 royal decree). */
  readonly sundayShiftDays: number;
}

export function kingsDayOf(year: number, rule: KingsDayRule): EpochDay {
  const day = epochDayOf(year, rule.month, rule.day);
  return isoWeekdayOf(day) === SUNDAY ? day + rule.sundayShiftDays : day;
}

/**
 * The art. 3(1) and 3(2) holidays of a year as the rules produce them. Reference data lists each year
 * explicitly (a reviewer can read it); this computation checks that list, and fills it when a year is added.
 * Liberation Day is here every year: the Atw names "de vijfde mei" without the once-in-five-years condition
 * that collective agreements attach to a day off.
 */
export function statutoryHolidaysOf(year: number, kingsDay: KingsDayRule): DatedHoliday[] {
  const easter = easterSunday(year);
  const holidays: { day: EpochDay; kind: StatutoryHolidayKind }[] = [
    { day: epochDayOf(year, 1, 1), kind: 'NEW_YEARS_DAY' },
    { day: easter - 2, kind: 'GOOD_FRIDAY' },
    { day: easter + 1, kind: 'EASTER_MONDAY' },
    { day: kingsDayOf(year, kingsDay), kind: 'KINGS_DAY' },
    { day: epochDayOf(year, 5, 5), kind: 'LIBERATION_DAY' },
    { day: easter + 39, kind: 'ASCENSION_DAY' },
    { day: easter + 50, kind: 'WHIT_MONDAY' },
    { day: epochDayOf(year, 12, 25), kind: 'CHRISTMAS_DAY' },
    { day: epochDayOf(year, 12, 26), kind: 'BOXING_DAY' },
  ];
  return holidays
    .sort((x, y) => x.day - y.day || x.kind.localeCompare(y.kind))
    .map(({ day, kind }) => ({ date: formatIsoDate(day), kind }));
}
