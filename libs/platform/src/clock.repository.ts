import { Inject, Injectable, Optional } from '@nestjs/common';
import type { IsoDate } from './calendar-date';

const DAY_MS = 86_400_000;

/**
 * Days the clock runs ahead of the wall clock: 0 in production; a rehearsal (the IND's
 * REHEARSAL_CLOCK_OFFSET_DAYS) sets it to live through a decision period in advance.
 */
export const CLOCK_OFFSET_DAYS = Symbol('CLOCK_OFFSET_DAYS');

// Periods (decision periods, the duty to notify) are counted in Dutch calendar days: "today" is the date
// in the Netherlands, whatever the time zone of the machine.
const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Dutch calendar date of an instant, as YYYY-MM-DD. */
export function dutchDateOf(instant: Date): IsoDate {
  return DUTCH_DATE.format(instant);
}

/** The business clock, behind a repository so services stay deterministic in tests (which replace it). */
@Injectable()
export class ClockRepository {
  private readonly offsetMs: number;

  constructor(@Optional() @Inject(CLOCK_OFFSET_DAYS) offsetDays?: number) {
    this.offsetMs = (offsetDays ?? 0) * DAY_MS;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  /** Today in the Netherlands, YYYY-MM-DD. */
  today(): IsoDate {
    return dutchDateOf(this.now());
  }
}
