import { addCalendarDays, type IsoDate } from '@welkom/platform';
import type { LabourMarketRules, WorkSituation } from './labour-market-rules.reference';

export type LabourMarketTestNeed =
  | { readonly needed: false; readonly exemption: WorkSituation; readonly source: string; readonly ruleVersion: string }
  | { readonly needed: true; readonly ruleVersion: string };

export class RulesNotInForceError extends RangeError {
  constructor(readonly date: IsoDate) {
    super(`No labour-market rules in force on ${date}`);
    this.name = 'RulesNotInForceError';
  }
}

function entryOn(rules: LabourMarketRules, date: IsoDate) {
  const entry = rules.on(date);
  if (entry === undefined) throw new RulesNotInForceError(date);
  return entry;
}

/**
 * Whether a job needs a TWV and the labour-market test (priority supply, vacancy report), on the rules of the day:
 * the exempt situations are the table's (DOMAIN.md §2.4); everything else, students' side jobs included, needs one.
 */
export function labourMarketTestNeed(rules: LabourMarketRules, situation: WorkSituation, onDate: IsoDate): LabourMarketTestNeed {
  const exemption = entryOn(rules, onDate).exemptions.find((e) => e.situation === situation);
  return exemption === undefined
    ? { needed: true, ruleVersion: rules.version }
    : { needed: false, exemption: exemption.situation, source: exemption.source, ruleVersion: rules.version };
}

export type SideJobVerdict = { readonly allowed: true } | { readonly allowed: false; readonly maxHoursPerWeek: number };

/**
 * A student's side job on a TWV: at most the weekly hours of the day's rules, or full time in the summer months
 * (June-August). `weekStarting` is the first day of the week worked.
 */
export function studentSideJob(rules: LabourMarketRules, weekStarting: IsoDate, hoursPerWeek: number): SideJobVerdict {
  const { maxHoursPerWeek, fullTimeMonths } = entryOn(rules, weekStarting).studentSideJob;
  const month = Number(weekStarting.slice(5, 7));
  return hoursPerWeek <= maxHoursPerWeek || fullTimeMonths.includes(month) ? { allowed: true } : { allowed: false, maxHoursPerWeek };
}

export type TermStanding = 'ON_TIME' | 'AT_RISK' | 'OVERDUE';

/** The last day of the statutory term (5 weeks from the complete application, §2.1) and how a case stands today. */
export function twvTerm(rules: LabourMarketRules, completeOn: IsoDate, today: IsoDate): { endsOn: IsoDate; standing: TermStanding } {
  const entry = entryOn(rules, completeOn);
  const endsOn = addCalendarDays(completeOn, entry.statutoryTermWeeks * 7);
  const atRiskFrom = addCalendarDays(endsOn, -entry.atRiskDaysBeforeEnd);
  const standing: TermStanding = today > endsOn ? 'OVERDUE' : today >= atRiskFrom ? 'AT_RISK' : 'ON_TIME';
  return { endsOn, standing };
}
