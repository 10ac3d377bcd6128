import { bundledDecisionPeriodReference } from '@welkom/reference-data';
import { bundledPublicHolidayReference } from './public-holiday.reference';
import { WorkingDayCalendar } from './working-day.calendar';

// The decision periods are a shared table (libs/reference-data/tables): the EU feed measures with the same one.
export {
  bundledDecisionPeriodReference,
  DECISION_PERIODS_FILE,
  parseDecisionPeriodReference,
  type DecisionPeriodReference,
  type DecisionPeriodVersion,
} from '@welkom/reference-data';

/** The periods and the holiday calendar shipped with the app, as `decisionDeadlines` needs them. */
export function bundledDeadlineReference(): { periods: ReturnType<typeof bundledDecisionPeriodReference>; calendar: WorkingDayCalendar } {
  return { periods: bundledDecisionPeriodReference(), calendar: new WorkingDayCalendar(bundledPublicHolidayReference()) };
}
