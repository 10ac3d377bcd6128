import { type EpochDay, formatIsoDate, isoWeekdayOf, parseIsoDate, SATURDAY, yearOf } from '@welkom/platform';
import { DeadlineError } from './deadline.errors';
import type { PublicHolidayKind } from './public-holiday.rules';
import type { PublicHolidayReference } from './public-holiday.reference';

interface CalendarYear {
  readonly holidays: ReadonlyMap<EpochDay, PublicHolidayKind>;
  /** Days of art. 3(1)/(2) only: what a bridge day sits next to. */
  readonly statutory: ReadonlySet<EpochDay>;
  readonly equatedDaysComplete: boolean;
}

/**
 * Which days a statutory period may end on under the Algemene termijnenwet: not a Saturday, Sunday,
 * holiday of art. 3(1)/(2) or day equated by decree under art. 3(3). Fails closed twice: outside the years in
 * reference data, and on a possible bridge day in a year whose decrees are not all known.
 */
export class WorkingDayCalendar {
  private readonly years: ReadonlyMap<number, CalendarYear>;
  readonly version: string;
  readonly firstYear: number;
  readonly lastYear: number;

  constructor(reference: PublicHolidayReference) {
    const years = new Map<number, CalendarYear>();
    for (const entry of reference.years) {
      const holidays = new Map<EpochDay, PublicHolidayKind>();
      const statutory = new Set<EpochDay>();
      for (const holiday of entry.holidays) {
        const day = parseIsoDate(holiday.date) as EpochDay;
        // Two holidays on one day (Ascension on 5 May 2016): keep the first listed; either name is right.
        if (!holidays.has(day)) holidays.set(day, holiday.kind);
        statutory.add(day);
      }
      for (const equated of entry.equatedDays) {
        const day = parseIsoDate(equated.date) as EpochDay;
        if (!holidays.has(day)) holidays.set(day, 'EQUATED_DAY');
      }
      years.set(entry.year, { holidays, statutory, equatedDaysComplete: entry.equatedDaysComplete });
    }
    this.years = years;
    this.version = reference.version;
    this.firstYear = reference.years[0].year;
    this.lastYear = reference.years[reference.years.length - 1].year;
  }

  /** The holiday on this day, if any; weekends are not holidays. */
  holidayOn(day: EpochDay): PublicHolidayKind | undefined {
    return this.yearOf(day).holidays.get(day);
  }

  isWorkingDay(day: EpochDay): boolean {
    if (isoWeekdayOf(day) >= SATURDAY) return false;
    const year = this.yearOf(day);
    if (year.holidays.has(day)) return false;
    if (!year.equatedDaysComplete && this.couldBeBridgeDay(day)) {
      throw new DeadlineError(
        'HOLIDAY_CALENDAR_NOT_CONFIRMED',
        `${formatIsoDate(day)} could be a day equated with a public holiday (Algemene termijnenwet art. 3(3)), ` +
          `but the decrees for ${yearOf(day)} are not in reference data ${this.version}`,
      );
    }
    return true;
  }

  /** Atw art. 1(1): the day itself when it is a working day, else the next one that is. */
  firstWorkingDayOnOrAfter(day: EpochDay): EpochDay {
    let candidate = day;
    while (!this.isWorkingDay(candidate)) candidate += 1;
    return candidate;
  }

  /**
   * Every equated day so far was a weekday between a statutory holiday and another day off (the Friday after
   * Ascension, a Friday after a Thursday holiday, a Monday before a Tuesday one). Only such a day is uncertain
   * in a year without its decree; any other weekday is a working day whatever the decree says.
   */
  private couldBeBridgeDay(day: EpochDay): boolean {
    const isStatutory = (d: EpochDay): boolean => this.yearOf(d).statutory.has(d);
    const isDayOff = (d: EpochDay): boolean => isoWeekdayOf(d) >= SATURDAY || this.yearOf(d).holidays.has(d);
    return (isStatutory(day - 1) && isDayOff(day + 1)) || (isStatutory(day + 1) && isDayOff(day - 1));
  }

  private yearOf(day: EpochDay): CalendarYear {
    const year = yearOf(day);
    const entry = this.years.get(year);
    if (entry === undefined) {
      throw new DeadlineError(
        'HOLIDAY_CALENDAR_NOT_COVERED',
        `${formatIsoDate(day)} is outside the holiday calendar ${this.version} (${this.firstYear}-${this.lastYear})`,
      );
    }
    return entry;
  }
}
