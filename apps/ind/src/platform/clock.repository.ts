import { Inject, Injectable } from '@nestjs/common';
import type { IsoDate } from '../deadlines/calendar-date';
import { IND_CONFIG, type IndConfig } from '../ind.config';

const DAY_MS = 86_400_000;
// Decision periods are counted in Dutch calendar days: "today" is the date in the Netherlands.
const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The Dutch calendar date of an instant, as YYYY-MM-DD. */
export function dutchDateOf(instant: Date): IsoDate {
  return DUTCH_DATE.format(instant);
}

/**
 * The IND's business clock, behind a repository so services stay deterministic in tests (which replace it)
 * and so a rehearsal can run it ahead (REHEARSAL_CLOCK_OFFSET_DAYS).
 */
@Injectable()
export class ClockRepository {
  private readonly offsetMs: number;

  constructor(@Inject(IND_CONFIG) config: Pick<IndConfig, 'REHEARSAL_CLOCK_OFFSET_DAYS'>) {
    this.offsetMs = config.REHEARSAL_CLOCK_OFFSET_DAYS * DAY_MS;
  }

  now(): Date {
    return new Date(Date.now() + this.offsetMs);
  }

  today(): IsoDate {
    return dutchDateOf(this.now());
  }
}
