import { addCalendarDays, addCalendarMonths, type IsoDate } from '@welkom/platform';
import type { MvvTimeLimitReference } from './mvv-time-limit.reference';

/** The last day, inclusive, on which a limit is met, and the reference version it was counted with. */
export interface LimitDay {
  readonly lastDay: IsoDate;
  readonly referenceVersion: string;
}

/** The last day to appear at the post: 3 months after the IND's notification (Vc B1/3.3.4), that day included. */
export function appearanceDeadline(notifiedOn: IsoDate, limits: MvvTimeLimitReference): LimitDay {
  return { lastDay: addCalendarMonths(notifiedOn, limits.on(notifiedOn).appearanceWithinMonths), referenceVersion: limits.version };
}

/** The last day to enter the Netherlands: 90 days after the MVV was issued (Vc B1/3.3.4), that day included. */
export function entryDeadline(issuedOn: IsoDate, limits: MvvTimeLimitReference): LimitDay {
  return { lastDay: addCalendarDays(issuedOn, limits.on(issuedOn).entryWithinDays), referenceVersion: limits.version };
}

/** True when `day` lies after the limit's last day: the MVV leg has lapsed and a new application is needed. */
export function isPast(lastDay: IsoDate, day: IsoDate): boolean {
  return day > lastDay;
}
