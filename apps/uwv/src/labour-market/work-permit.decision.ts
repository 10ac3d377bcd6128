import { addCalendarDays, type IsoDate } from '@welkom/platform';
import { labourMarketTestNeed, RulesNotInForceError, studentSideJob, twvTerm } from './labour-market.policy';
import type { LabourMarketRules, WorkSituation } from './labour-market-rules.reference';

/** Why a work permit is refused or an advice negative (proto LabourMarketReason). Add codes, never rename. */
export type LabourMarketReason =
  'SIDE_JOB_HOURS_EXCEEDED' | 'VACANCY_NOT_REPORTED' | 'VACANCY_REPORTED_TOO_LATE' | 'PRIORITY_SUPPLY_AVAILABLE';

export type WorkPermitOutcome = 'NOT_REQUIRED' | 'PENDING' | 'GRANTED' | 'REFUSED';

/** A vacancy an employer reported to UWV, with the outcome of UWV's search for priority supply once recorded. */
export interface VacancyReport {
  readonly reportedOn: IsoDate;
  /** Suitable candidates from the priority supply UWV found; null while the search has no recorded outcome. */
  readonly suitableCandidates: number | null;
}

export interface LabourMarketQuestion {
  readonly situation: WorkSituation;
  /** The day the complete application (or the IND's advice request) was received: the rules of that day apply. */
  readonly receivedOn: IsoDate;
  readonly workStartsOn: IsoDate;
  readonly hoursPerWeek: number;
}

export interface LabourMarketJudgement {
  readonly outcome: WorkPermitOutcome;
  readonly reasons: readonly LabourMarketReason[];
  readonly ruleVersion: string;
  readonly exemptionSource: string;
  /** The last day of the statutory term (5 weeks from receipt). */
  readonly termEndsOn: IsoDate;
}

/**
 * The priority-supply check (prioriteitgenietend aanbod, art. 8(1)(b) Wav; DOMAIN.md §2.4): the employer must have
 * reported the vacancy to UWV the rules' term before the application, and UWV's search must have found no suitable
 * priority supply. Undefined while the search has no recorded outcome (and nothing else refuses yet).
 */
export function prioritySupplyCheck(
  rules: LabourMarketRules,
  vacancy: VacancyReport | undefined,
  receivedOn: IsoDate,
): readonly LabourMarketReason[] | undefined {
  if (vacancy === undefined) return ['VACANCY_NOT_REPORTED'];
  const { weeksBeforeApplication } = ruleOn(rules, receivedOn).vacancyReport;
  if (addCalendarDays(vacancy.reportedOn, weeksBeforeApplication * 7) > receivedOn) return ['VACANCY_REPORTED_TOO_LATE'];
  if (vacancy.suitableCandidates === null) return undefined;
  return vacancy.suitableCandidates > 0 ? ['PRIORITY_SUPPLY_AVAILABLE'] : [];
}

/**
 * UWV's judgement on a TWV application or a GVVA advice request, on the rules in force on the day it was received:
 * an exempt situation needs no TWV; a student's side job is judged on its hours; everything else on the vacancy
 * report and the priority supply. Throws RulesNotInForceError on a day without rules.
 */
export function judgeLabourMarket(
  rules: LabourMarketRules,
  question: LabourMarketQuestion,
  vacancy: VacancyReport | undefined,
): LabourMarketJudgement {
  const { endsOn } = twvTerm(rules, question.receivedOn, question.receivedOn);
  const base = { ruleVersion: rules.version, exemptionSource: '', termEndsOn: endsOn };
  const need = labourMarketTestNeed(rules, question.situation, question.receivedOn);
  if (!need.needed) return { ...base, outcome: 'NOT_REQUIRED', reasons: [], exemptionSource: need.source };
  if (question.situation === 'STUDENT_SIDE_JOB') {
    const verdict = studentSideJob(rules, question.workStartsOn, question.hoursPerWeek);
    return verdict.allowed
      ? { ...base, outcome: 'GRANTED', reasons: [] }
      : { ...base, outcome: 'REFUSED', reasons: ['SIDE_JOB_HOURS_EXCEEDED'] };
  }
  const reasons = prioritySupplyCheck(rules, vacancy, question.receivedOn);
  if (reasons === undefined) return { ...base, outcome: 'PENDING', reasons: [] };
  return { ...base, outcome: reasons.length === 0 ? 'GRANTED' : 'REFUSED', reasons };
}

function ruleOn(rules: LabourMarketRules, date: IsoDate) {
  const entry = rules.on(date);
  if (entry === undefined) throw new RulesNotInForceError(date);
  return entry;
}
