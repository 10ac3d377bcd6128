/**
 * Calendar dates as whole days since 1970-01-01 in the proleptic Gregorian calendar, with no `Date` and no
 * time zone: a decision period is counted in Dutch calendar days and a statistic is attributed to a year,
 * and a UTC/CET shift must never move either by one day. Integer arithmetic only (Howard Hinnant's
 * `days_from_civil` / `civil_from_days`), exact for every year; the feed's import hot path allocates nothing
 * per date.
 */
export type EpochDay = number;

/** An ISO 8601 calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

export interface CivilDate {
  readonly year: number;
  readonly month: number;
  readonly day: number;
}

/** ISO weekday numbers: Monday is 1, Sunday is 7. */
export const SATURDAY = 6;
export const SUNDAY = 7;

// Module-level alias for the hot paths: a global lookup (`Math.floor`) costs ~50× more inside jest's vm
// sandbox than in plain node, enough to turn a one-second test into a time-out.
const { floor } = Math;

export function epochDayOf(year: number, month: number, day: number): EpochDay {
  const y = month <= 2 ? year - 1 : year;
  const era = floor(y / 400);
  const yearOfEra = y - era * 400;
  const dayOfYear = floor((153 * (month + (month > 2 ? -3 : 9)) + 2) / 5) + day - 1;
  const dayOfEra = yearOfEra * 365 + floor(yearOfEra / 4) - floor(yearOfEra / 100) + dayOfYear;
  return era * 146097 + dayOfEra - 719468;
}

export function civilDateOf(epochDay: EpochDay): CivilDate {
  const z = epochDay + 719468;
  const era = floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = floor((dayOfEra - floor(dayOfEra / 1460) + floor(dayOfEra / 36524) - floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + floor(yearOfEra / 4) - floor(yearOfEra / 100));
  const mp = floor((5 * dayOfYear + 2) / 153);
  const day = dayOfYear - floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

export function yearOf(epochDay: EpochDay): number {
  return civilDateOf(epochDay).year;
}

/**
 * year * 12 + (month - 1): one number per calendar month, so months sort and subtract as integers. Same
 * arithmetic as `civilDateOf` without building an object, because the feed's aggregator asks twice per
 * application.
 */
export function monthNumberOf(epochDay: EpochDay): number {
  const z = epochDay + 719468;
  const era = floor(z / 146097);
  const dayOfEra = z - era * 146097;
  const yearOfEra = floor((dayOfEra - floor(dayOfEra / 1460) + floor(dayOfEra / 36524) - floor(dayOfEra / 146096)) / 365);
  const dayOfYear = dayOfEra - (365 * yearOfEra + floor(yearOfEra / 4) - floor(yearOfEra / 100));
  const mp = floor((5 * dayOfYear + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0)) * 12 + month - 1;
}

/** ISO weekday: 1 = Monday … 7 = Sunday (1970-01-01 was a Thursday). */
export function isoWeekdayOf(epochDay: EpochDay): number {
  return ((((epochDay + 3) % 7) + 7) % 7) + 1;
}

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

export function daysInMonth(year: number, month: number): number {
  return month === 2 && isLeapYear(year) ? 29 : DAYS_IN_MONTH[month - 1];
}

const ZERO = 48;
const DASH = 45;

function digitAt(text: string, index: number): number {
  const d = text.charCodeAt(index) - ZERO;
  return d >= 0 && d <= 9 ? d : -1;
}

/** Why an ISO date was refused, for row-level error messages. */
export type IsoDateProblem = 'FORMAT' | 'NO_SUCH_DAY';

/**
 * Strict `YYYY-MM-DD` (ISO 8601 calendar date, extended format): the epoch day, or why it is not one.
 * Lenient parsers (`Date.parse`) accept `2021-02-30` (quietly rolled into March) and time zones; a
 * deadline or a statistics feed must not.
 */
export function checkIsoDate(text: string): EpochDay | IsoDateProblem {
  if (text.length !== 10 || text.charCodeAt(4) !== DASH || text.charCodeAt(7) !== DASH) return 'FORMAT';
  const y0 = digitAt(text, 0);
  const y1 = digitAt(text, 1);
  const y2 = digitAt(text, 2);
  const y3 = digitAt(text, 3);
  const m0 = digitAt(text, 5);
  const m1 = digitAt(text, 6);
  const d0 = digitAt(text, 8);
  const d1 = digitAt(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return 'FORMAT';
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return 'NO_SUCH_DAY';
  return epochDayOf(year, month, day);
}

/** Strict `YYYY-MM-DD` as an epoch day; `undefined` for anything else, including days that do not exist. */
export function parseIsoDate(text: string): EpochDay | undefined {
  const checked = checkIsoDate(text);
  return typeof checked === 'number' ? checked : undefined;
}

export function isIsoDate(text: string): boolean {
  return typeof checkIsoDate(text) === 'number';
}

function pad(value: number, width: number): string {
  return `${value}`.padStart(width, '0');
}

export function formatIsoDate(epochDay: EpochDay): IsoDate {
  const { year, month, day } = civilDateOf(epochDay);
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

function requireEpochDay(date: IsoDate): EpochDay {
  const day = parseIsoDate(date);
  if (day === undefined) throw new RangeError(`not an ISO date: ${date}`);
  return day;
}

/** `date` plus `days` calendar days (negative goes back). */
export function addCalendarDays(date: IsoDate, days: number): IsoDate {
  return formatIsoDate(requireEpochDay(date) + days);
}

/** Calendar days from `from` to `to` (negative when `to` lies before `from`). */
export function calendarDaysBetween(from: IsoDate, to: IsoDate): number {
  return requireEpochDay(to) - requireEpochDay(from);
}

/**
 * The day `months` calendar months after `date` (before, when negative), kept on the same day of the month and
 * clamped to the month's last day: 2024-02-29 + 12 months is 2025-02-28. How periods "in months" and "in years"
 * (12 months, 3 years) are counted in permit rules; a year is 12 months, never 365 days.
 */
export function addCalendarMonths(date: IsoDate, months: number): IsoDate {
  const epochDay = parseIsoDate(date);
  if (epochDay === undefined) throw new RangeError(`not an ISO date: ${date}`);
  if (!Number.isInteger(months)) throw new RangeError(`expected a whole number of months, got ${months}`);
  const { year, month, day } = civilDateOf(epochDay);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatIsoDate(epochDayOf(targetYear, targetMonth, Math.min(day, daysInMonth(targetYear, targetMonth))));
}

/** Whole years from `from` to `on` (an age on a day): 0 when `on` lies before the first anniversary. */
export function completedYearsBetween(from: IsoDate, on: IsoDate): number | undefined {
  const start = parseIsoDate(from);
  const end = parseIsoDate(on);
  if (start === undefined || end === undefined) return undefined;
  const a = civilDateOf(start);
  const b = civilDateOf(end);
  let years = b.year - a.year;
  // Not yet reached this year's anniversary (a 29 February birthday counts from 28 February, as the clamp above).
  const anniversaryDay = Math.min(a.day, daysInMonth(b.year, a.month));
  if (b.month < a.month || (b.month === a.month && b.day < anniversaryDay)) years -= 1;
  return years;
}
