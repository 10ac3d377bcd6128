import { monthNumberOf } from '@welkom/platform';
import type { ApplicationLedger } from './application.ledger';
import { CITIZENSHIP_CODE_SPACE, citizenshipOfCode } from './citizenship-code';
import type { FeedMeasure, FeedReference, PeriodKind } from './feed-reference';
import type { FeedPeriod, FeedQuery, FeedSeries, FeedTable } from './feed-query';
import { nearestRankPercentile, percentHalfUp } from './feed-statistics';
import { DecisionCode, PERMIT_CATEGORIES, SPONSOR_TYPES } from './permit-category';
import { StatutoryPeriodTable } from './statutory-period.table';

// Module-level aliases for the hot paths: a global lookup (`floor`) costs ~50× more inside jest's vm
// sandbox than in plain node, enough to turn a one-second test into a time-out.
const { floor } = Math;

const ALL_CITIZENSHIPS = CITIZENSHIP_CODE_SPACE;
const ALL_SPONSOR_TYPES = SPONSOR_TYPES.length;
const CITIZENSHIP_SLOTS = CITIZENSHIP_CODE_SPACE + 1;
const SPONSOR_SLOTS = SPONSOR_TYPES.length + 1;

/** Running totals of one output series while the ledger is scanned. */
class SeriesTally {
  applications = 0;
  decisions = 0;
  granted = 0;
  refused = 0;
  withdrawn = 0;
  withinEuTarget = 0;
  withinStatutoryPeriod = 0;
  /** Measured decisions whose application has a known statutory period (the denominator of that share). */
  statutoryMeasured = 0;
  /** Processing days of each measured decision; sorted once at the end for median and p90. */
  private days = new Int32Array(8);
  measured = 0;

  /** `withinStatutoryPeriod` undefined: no statutory period is known for the application, so it is not in that share. */
  addProcessingTime(days: number, withinEuTarget: boolean, withinStatutoryPeriod: boolean | undefined): void {
    if (this.measured === this.days.length) {
      const grown = new Int32Array(this.days.length * 2);
      grown.set(this.days);
      this.days = grown;
    }
    this.days[this.measured++] = days;
    if (withinEuTarget) this.withinEuTarget++;
    if (withinStatutoryPeriod !== undefined) this.statutoryMeasured++;
    if (withinStatutoryPeriod === true) this.withinStatutoryPeriod++;
  }

  values(): Record<FeedMeasure, number | null> {
    const sorted = this.days.subarray(0, this.measured).sort();
    return {
      applications: this.applications,
      decisions: this.decisions,
      granted: this.granted,
      refused: this.refused,
      withdrawn: this.withdrawn,
      grantRatePercent: percentHalfUp(this.granted, this.decisions),
      processingMedianDays: nearestRankPercentile(sorted, 50),
      processingP90Days: nearestRankPercentile(sorted, 90),
      withinEuTargetPercent: percentHalfUp(this.withinEuTarget, this.measured),
      withinStatutoryPeriodPercent: percentHalfUp(this.withinStatutoryPeriod, this.statutoryMeasured),
    };
  }
}

function periodNumberOf(kind: PeriodKind, monthNumber: number): number {
  if (kind === 'month') return monthNumber;
  return kind === 'quarter' ? floor(monthNumber / 3) : floor(monthNumber / 12);
}

function yearOfPeriod(kind: PeriodKind, period: number): number {
  if (kind === 'month') return floor(period / 12);
  return kind === 'quarter' ? floor(period / 4) : period;
}

export function feedPeriodOf(kind: PeriodKind, period: number): FeedPeriod {
  const year = yearOfPeriod(kind, period);
  if (kind === 'year') return { kind, year, part: 0, label: `${year}` };
  if (kind === 'quarter') {
    const part = period - year * 4 + 1;
    return { kind, year, part, label: `${year}-Q${part}` };
  }
  const part = period - year * 12 + 1;
  return { kind, year, part, label: `${year}-${`${part}`.padStart(2, '0')}` };
}

/** For each category code, the reasons (group or category indices) an application of it counts under. */
function reasonTargetsOf(reference: FeedReference, query: FeedQuery): { names: string[]; targets: number[][] } {
  if (query.reasonAxis === 'category') {
    return { names: [...PERMIT_CATEGORIES], targets: PERMIT_CATEGORIES.map((_, i) => [i]) };
  }
  const names = reference.groups.map((g) => g.id);
  const targets = PERMIT_CATEGORIES.map((category) =>
    reference.groups.flatMap((group, i) => (group.categories.includes(category) ? [i] : [])),
  );
  return { names, targets };
}

/**
 * The feed as a pure function of the ledger: one pass over every application, each adding its submission
 * to the period it was submitted in and its decision to the period it was decided in. So decisions in a year
 * include applications submitted years before, and `fromYear`/`toYear` only choose which periods are shown.
 */
export function aggregateFeed(ledger: ApplicationLedger, reference: FeedReference, query: FeedQuery): FeedTable {
  const { names: reasonNames, targets } = reasonTargetsOf(reference, query);
  const reasonCount = reasonNames.length;
  const statutory = new StatutoryPeriodTable(reference.decisionPeriods);
  const euTargetDays = reference.euTargetDays;
  const measureWithdrawals = reference.processingTimeIncludesWithdrawals;
  const fromYear = query.fromYear ?? Number.NEGATIVE_INFINITY;
  const toYear = query.toYear ?? Number.POSITIVE_INFINITY;
  const kind = query.period;

  const tallies = new Map<number, SeriesTally>();
  const tallyFor = (period: number, reason: number, citizenship: number, sponsorType: number): SeriesTally => {
    const key = ((period * reasonCount + reason) * CITIZENSHIP_SLOTS + citizenship) * SPONSOR_SLOTS + sponsorType;
    let tally = tallies.get(key);
    if (tally === undefined) {
      tally = new SeriesTally();
      tallies.set(key, tally);
    }
    return tally;
  };

  const columns = ledger.columns();
  let asOf = Number.NEGATIVE_INFINITY;
  let firstPeriod = Number.POSITIVE_INFINITY;
  let lastPeriod = Number.NEGATIVE_INFINITY;
  for (let i = 0; i < columns.size; i++) {
    const submittedDay = columns.submittedDay[i];
    const decision = columns.decision[i];
    const decidedDay = columns.decidedDay[i];
    if (submittedDay > asOf) asOf = submittedDay;
    if (decision !== DecisionCode.PENDING && decidedDay > asOf) asOf = decidedDay;

    const reasons = targets[columns.category[i]];
    if (reasons.length === 0) continue;
    const citizenship = query.byCitizenship ? columns.citizenship[i] : ALL_CITIZENSHIPS;
    const sponsorType = query.bySponsorType ? columns.sponsorType[i] : ALL_SPONSOR_TYPES;

    const submittedPeriod = periodNumberOf(kind, monthNumberOf(submittedDay));
    const submittedYear = yearOfPeriod(kind, submittedPeriod);
    if (submittedYear >= fromYear && submittedYear <= toYear) {
      if (submittedPeriod < firstPeriod) firstPeriod = submittedPeriod;
      if (submittedPeriod > lastPeriod) lastPeriod = submittedPeriod;
      for (const reason of reasons) tallyFor(submittedPeriod, reason, citizenship, sponsorType).applications++;
    }

    if (decision === DecisionCode.PENDING) continue;
    const decidedPeriod = periodNumberOf(kind, monthNumberOf(decidedDay));
    const decidedYear = yearOfPeriod(kind, decidedPeriod);
    if (decidedYear < fromYear || decidedYear > toYear) continue;
    if (decidedPeriod < firstPeriod) firstPeriod = decidedPeriod;
    if (decidedPeriod > lastPeriod) lastPeriod = decidedPeriod;
    const measured = decision !== DecisionCode.WITHDRAWN || measureWithdrawals;
    const days = decidedDay - submittedDay;
    const category = columns.category[i];
    const statutoryDays = statutory.daysFor(category, columns.sponsorType[i], submittedDay);
    const withinStatutory = statutoryDays === undefined ? undefined : days <= statutoryDays;
    for (const reason of reasons) {
      const tally = tallyFor(decidedPeriod, reason, citizenship, sponsorType);
      tally.decisions++;
      if (decision === DecisionCode.GRANTED) tally.granted++;
      else if (decision === DecisionCode.REFUSED) tally.refused++;
      else tally.withdrawn++;
      if (measured) tally.addProcessingTime(days, days <= euTargetDays, withinStatutory);
    }
  }

  // The national table lists every reason in every period of the data, zeros included, so a reader sees
  // "no applications" rather than a missing row. Breakdowns stay sparse: most countries have no row most months.
  if (!query.byCitizenship && !query.bySponsorType) {
    for (let period = firstPeriod; period <= lastPeriod; period++) {
      for (let reason = 0; reason < reasonCount; reason++) tallyFor(period, reason, ALL_CITIZENSHIPS, ALL_SPONSOR_TYPES);
    }
  }

  const series: FeedSeries[] = [...tallies.keys()]
    .sort((a, b) => a - b)
    .map((key) => {
      const tally = tallies.get(key) as SeriesTally;
      const sponsorType = key % SPONSOR_SLOTS;
      const citizenship = floor(key / SPONSOR_SLOTS) % CITIZENSHIP_SLOTS;
      const reasonAndPeriod = floor(key / SPONSOR_SLOTS / CITIZENSHIP_SLOTS);
      return {
        period: feedPeriodOf(kind, floor(reasonAndPeriod / reasonCount)),
        reason: reasonNames[reasonAndPeriod % reasonCount],
        citizenship: citizenship === ALL_CITIZENSHIPS ? null : citizenshipOfCode(citizenship),
        sponsorType: sponsorType === ALL_SPONSOR_TYPES ? null : SPONSOR_TYPES[sponsorType],
        values: tally.values(),
        confidential: {},
        processingTimeDecisions: tally.measured,
      };
    });

  return { query, asOf: asOf === Number.NEGATIVE_INFINITY ? null : asOf, smallCellPolicy: null, series };
}
