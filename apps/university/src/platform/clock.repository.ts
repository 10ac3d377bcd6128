import { Injectable } from '@nestjs/common';

// The duty to notify is counted in Dutch calendar days: "today" is the date in the Netherlands.
const DUTCH_DATE = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Amsterdam', year: 'numeric', month: '2-digit', day: '2-digit' });

/** The wall clock, behind a repository so services stay deterministic in tests. */
@Injectable()
export class ClockRepository {
  now(): Date {
    return new Date();
  }

  /** Today in the Netherlands, YYYY-MM-DD. */
  today(): string {
    return DUTCH_DATE.format(this.now());
  }
}
