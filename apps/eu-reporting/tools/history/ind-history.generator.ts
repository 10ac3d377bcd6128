import { epochDayOf, formatIsoDate, type EpochDay } from '@welkom/platform';
import type { ReportingGroup } from '../../src/feed/feed-reference';
import type { Decision, PermitCategory } from '../../src/feed/permit-category';
import { HISTORY_COLUMNS } from './history-csv.parser';
import type { PublishedYearFigures } from '../../src/feed/published-figures.reader';
import { SeededRandom } from './seeded-random';
import { fallbackProfile, SYNTHETIC_PROFILES, type GroupProfile } from './synthetic-history.profile';

// Module-level aliases for the hot paths: a global lookup (`floor`) costs ~50× more inside jest's vm
// sandbox than in plain node, enough to turn a one-second test into a time-out.
const { floor, max, min } = Math;

export interface GeneratedApplication {
  readonly applicationId: string;
  readonly category: PermitCategory;
  readonly citizenship: string;
  readonly submittedDay: EpochDay;
  /** Null while pending at the end of the last published year. */
  readonly decidedDay: EpochDay | null;
  readonly decision: Decision | null;
}

export const DEFAULT_HISTORY_SEED = 20150101;

interface Draft {
  readonly sequence: number;
  readonly group: number;
  readonly category: PermitCategory;
  readonly citizenship: string;
  readonly submittedDay: EpochDay;
  /** When the application would be decided if nothing else mattered; ranks it for a year's decisions. */
  readonly tentativeDay: EpochDay;
  decidedDay: EpochDay | null;
  decision: Decision | null;
}

/** Splits `total` over integer weights exactly (largest remainder, ties to the earlier index). */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  const shares = weights.map((w) => floor((total * w) / sum));
  const remainders = weights.map((w, i) => ({ i, r: (total * w) % sum }));
  remainders.sort((a, b) => b.r - a.r || a.i - b.i);
  let left = total - shares.reduce((a, b) => a + b, 0);
  for (const { i } of remainders) {
    if (left-- <= 0) break;
    shares[i]++;
  }
  return shares;
}

/**
 * How many of `decisions` must be grants for the grant rate to round (half up) to `percent`: the whole
 * interval, e.g. 100 % allows anything from 99.5 % up.
 */
export function grantedRange(decisions: number, percent: number): { min: number; max: number } {
  const ceilDiv = (a: number, b: number): number => floor((a + b - 1) / b);
  const lowest = max(0, ceilDiv(decisions * (2 * percent - 1), 200));
  const highest = min(decisions, ceilDiv(decisions * (2 * percent + 1), 200) - 1);
  if (lowest > highest) throw new Error(`no number of grants out of ${decisions} rounds to ${percent} %`);
  return { min: lowest, max: highest };
}

function checkContiguous(figures: readonly PublishedYearFigures[], group: string): void {
  if (figures.length === 0) throw new Error(`published figures: no years for group ${group}`);
  figures.forEach((f, i) => {
    if (i > 0 && f.year !== figures[i - 1].year + 1) throw new Error(`published figures: ${group} years are not contiguous`);
  });
}

/** A profile with its weight lists pulled out once; `pickWeighted` is called three times per application. */
interface PreparedProfile {
  readonly profile: GroupProfile;
  readonly categoryWeights: readonly number[];
  readonly citizenshipWeights: readonly number[];
  readonly processingTimeWeights: readonly number[];
}

function prepare(profile: GroupProfile): PreparedProfile {
  return {
    profile,
    categoryWeights: profile.categoryWeights.map(([, weight]) => weight),
    citizenshipWeights: profile.citizenshipWeights.map(([, weight]) => weight),
    processingTimeWeights: profile.processingTime.map((band) => band.weight),
  };
}

function processingDays(random: SeededRandom, prepared: PreparedProfile): number {
  const band = prepared.profile.processingTime[random.pickWeighted(prepared.processingTimeWeights)];
  return random.between(band.minDays, band.maxDays);
}

function draftsForYear(
  random: SeededRandom,
  prepared: PreparedProfile,
  group: number,
  year: number,
  count: number,
  nextSequence: () => number,
): Draft[] {
  const drafts: Draft[] = [];
  apportion(count, prepared.profile.monthWeights).forEach((inMonth, monthIndex) => {
    const first = epochDayOf(year, monthIndex + 1, 1);
    const last = monthIndex === 11 ? epochDayOf(year, 12, 31) : epochDayOf(year, monthIndex + 2, 1) - 1;
    for (let i = 0; i < inMonth; i++) drafts.push(draft(random, prepared, group, random.between(first, last), nextSequence()));
  });
  return drafts;
}

function draft(random: SeededRandom, prepared: PreparedProfile, group: number, submittedDay: EpochDay, sequence: number): Draft {
  const { profile } = prepared;
  const category = profile.categoryWeights[random.pickWeighted(prepared.categoryWeights)][0];
  const citizenship = profile.citizenshipWeights[random.pickWeighted(prepared.citizenshipWeights)][0];
  return {
    sequence,
    group,
    category,
    citizenship,
    submittedDay,
    tentativeDay: submittedDay + processingDays(random, prepared),
    decidedDay: null,
    decision: null,
  };
}

/**
 * Decides exactly `decisions` of the open applications in `year`: those that would naturally be decided
 * first. A chosen application whose natural date falls outside the year is decided late in the year (it
 * was picked to make the published count); one left over is simply decided later.
 */
function decideYear(random: SeededRandom, open: Draft[], year: number, figures: PublishedYearFigures, profile: GroupProfile): Draft[] {
  const first = epochDayOf(year, 1, 1);
  const last = epochDayOf(year, 12, 31);
  open.sort((a, b) => a.tentativeDay - b.tentativeDay || a.sequence - b.sequence);
  const decided = open.splice(0, figures.decisions);
  if (decided.length !== figures.decisions) {
    throw new Error(`${figures.group} ${year}: only ${decided.length} applications open for ${figures.decisions} decisions`);
  }
  for (const d of decided) {
    const earliest = max(d.submittedDay, first);
    if (d.tentativeDay < earliest) d.decidedDay = earliest + random.nextInt(min(14, last - earliest) + 1);
    else if (d.tentativeDay > last) d.decidedDay = last - random.nextInt(min(14, last - earliest) + 1);
    else d.decidedDay = d.tentativeDay;
  }
  const grants = grantedRange(figures.decisions, figures.grantRatePercent);
  const granted = random.between(grants.min, grants.max);
  const nonGranted = figures.decisions - granted;
  const withdrawn = floor((nonGranted * profile.withdrawalsPer100NonGrants + 50) / 100);
  random.shuffle(decided).forEach((d, i) => {
    d.decision = i < granted ? 'GRANTED' : i < granted + withdrawn ? 'WITHDRAWN' : 'REFUSED';
  });
  return decided;
}

/**
 * A synthetic application history that reproduces a published table exactly: per group and year, the
 * applications submitted, the decisions taken and the grant rate (rounded half up). Decisions in a year also
 * take applications from earlier years, so the history opens with a backlog submitted in the last two
 * months before the first year — at least as large as the table needs (students decide more than they
 * receive from 2016 on: 31,650 decisions against 31,390 applications) plus a plausible margin. Whatever is
 * still open after the last year stays pending. Same figures and seed, same history.
 */
export function generateIndHistory(
  published: readonly PublishedYearFigures[],
  groups: readonly ReportingGroup[],
  seed: number = DEFAULT_HISTORY_SEED,
): GeneratedApplication[] {
  const random = new SeededRandom(seed);
  const categoriesSeen = new Set<PermitCategory>();
  for (const group of groups) {
    for (const category of group.categories) {
      if (categoriesSeen.has(category)) throw new Error(`groups overlap on ${category}: a generated history would count it twice`);
      categoriesSeen.add(category);
    }
  }
  let sequence = 0;
  const nextSequence = (): number => sequence++;
  const all: Draft[] = [];

  groups.forEach((group, groupIndex) => {
    const figures = published.filter((f) => f.group === group.id).sort((a, b) => a.year - b.year);
    checkContiguous(figures, group.id);
    const profile = SYNTHETIC_PROFILES[group.id] ?? fallbackProfile(group.categories);
    if (profile.categoryWeights.some(([category]) => !group.categories.includes(category))) {
      throw new Error(`synthetic profile of ${group.id} uses a category outside the group`);
    }
    const prepared = prepare(profile);

    let cumulativeApplications = 0;
    let cumulativeDecisions = 0;
    let shortfall = 0;
    for (const f of figures) {
      cumulativeApplications += f.applications;
      cumulativeDecisions += f.decisions;
      shortfall = max(shortfall, cumulativeDecisions - cumulativeApplications);
    }
    const firstYear = figures[0].year;
    const backlog = shortfall + floor((figures[0].applications * profile.openingBacklogPer1000) / 1000);
    const backlogFrom = epochDayOf(firstYear - 1, 11, 1);
    const backlogTo = epochDayOf(firstYear - 1, 12, 31);
    const open: Draft[] = [];
    for (let i = 0; i < backlog; i++) {
      open.push(draft(random, prepared, groupIndex, random.between(backlogFrom, backlogTo), nextSequence()));
    }
    all.push(...open);

    for (const f of figures) {
      const submitted = draftsForYear(random, prepared, groupIndex, f.year, f.applications, nextSequence);
      all.push(...submitted);
      open.push(...submitted);
      decideYear(random, open, f.year, f, profile);
    }
  });

  all.sort((a, b) => a.submittedDay - b.submittedDay || a.sequence - b.sequence);
  return all.map((d, i) => ({
    applicationId: `SYN-${`${i + 1}`.padStart(8, '0')}`,
    category: d.category,
    citizenship: d.citizenship,
    submittedDay: d.submittedDay,
    decidedDay: d.decidedDay,
    decision: d.decision,
  }));
}

/** The history as the CSV the importer reads (header, one row per application, `\n` line ends). */
export function formatHistoryCsv(applications: readonly GeneratedApplication[]): string {
  const lines = [HISTORY_COLUMNS.join(',')];
  for (const a of applications) {
    const decided = a.decidedDay === null ? '' : formatIsoDate(a.decidedDay);
    lines.push(`${a.applicationId},${a.category},${a.citizenship},${formatIsoDate(a.submittedDay)},${decided},${a.decision ?? ''}`);
  }
  return `${lines.join('\n')}\n`;
}
