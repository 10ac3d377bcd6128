import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { type EpochDay, formatIsoDate, type IsoDate, parseIsoDate } from '@welkom/platform';
import { DeadlineError } from './deadline.errors';
import { decisionPeriodVersionOn, statutoryPeriodIn } from '@welkom/reference-data';
import type { DecisionPeriodReference, DecisionPeriodVersion } from './decision-period.reference';
import type { WorkingDayCalendar } from './working-day.calendar';

/**
 * The three clocks an application runs against. Only the statutory one is law; the other two are targets the
 * IND reports on, so consumers must not treat them as breaches of the law.
 */
export type DeadlineKind = 'STATUTORY_DECISION' | 'RECOGNISED_SPONSOR_TARGET' | 'EU_30_DAY_AMBITION';
export type DeadlineNature = 'LEGAL' | 'SERVICE_TARGET' | 'INDICATIVE';

const NATURE_OF: Record<DeadlineKind, DeadlineNature> = {
  STATUTORY_DECISION: 'LEGAL',
  RECOGNISED_SPONSOR_TARGET: 'SERVICE_TARGET',
  EU_30_DAY_AMBITION: 'INDICATIVE',
};

/** The IND told the applicant it needs more time: its own event, recorded when the letter went out. */
export interface DeadlineExtension {
  readonly days: number;
  readonly announcedOn: IsoDate;
}

export interface DecisionDeadlineInput {
  readonly category: PermitCategory;
  /** The day the IND received the application: the start of every period. */
  readonly receivedOn: IsoDate;
  /** Filed by a recognised sponsor (erkend referent) for this purpose on the day of receipt. */
  readonly sponsorRecognised: boolean;
  /** The file was complete on receipt; unknown counts as not complete (the 2-week target needs a complete file). */
  readonly complete?: boolean;
  readonly extensions?: readonly DeadlineExtension[];
}

export interface DeadlineReference {
  readonly periods: DecisionPeriodReference;
  readonly calendar: WorkingDayCalendar;
}

export interface DeadlineLine {
  readonly kind: DeadlineKind;
  readonly nature: DeadlineNature;
  /** Days counted from receipt, extension included. */
  readonly periodDays: number;
  /** The last day on which the decision is in time. */
  readonly dueOn: IsoDate;
  /** Set when the period ended on a weekend or public holiday and ran on to the next working day. */
  readonly rolledForwardFrom?: IsoDate;
  /** Set when an extension applies: the statutory due date before it. */
  readonly dueBeforeExtensionOn?: IsoDate;
  readonly extendedByDays: number;
  readonly source: string;
}

export interface DecisionDeadlines {
  readonly category: PermitCategory;
  readonly receivedOn: IsoDate;
  /** Versions of the period table and holiday calendar used, so a stored deadline can be explained later. */
  readonly referenceVersion: string;
  readonly lines: readonly DeadlineLine[];
}

function dayOf(value: IsoDate, field: string): EpochDay {
  const day = typeof value === 'string' ? parseIsoDate(value) : undefined;
  if (day === undefined) throw DeadlineError.invalidInput(field, `expected an ISO date YYYY-MM-DD, got ${String(value)}`);
  return day;
}

function versionFor(periods: DecisionPeriodReference, receivedOn: IsoDate): DecisionPeriodVersion {
  const version = decisionPeriodVersionOn(periods, receivedOn);
  if (version === undefined) {
    throw new DeadlineError(
      'NO_DECISION_PERIODS_FOR_DATE',
      `No decision periods in reference data ${periods.version} for an application received on ${receivedOn}`,
    );
  }
  return version;
}

// The same lookup the EU feed uses (libs/reference-data), so both agree on every application's period.
function statutoryRule(version: DecisionPeriodVersion, input: DecisionDeadlineInput): { days: number; source: string } {
  return statutoryPeriodIn(version, input.category, input.sponsorRecognised);
}

/**
 * The statutory decision period, the recognised-sponsor service target and the EU's 30-day ambition for one
 * application. Pure: the caller supplies the reference data and nothing here reads a clock.
 */
export function decisionDeadlines(input: DecisionDeadlineInput, reference: DeadlineReference): DecisionDeadlines {
  if (input.category === PermitCategory.PERMIT_CATEGORY_UNSPECIFIED || !Object.values(PermitCategory).includes(input.category)) {
    throw DeadlineError.invalidInput('category', 'a permit category is required');
  }
  const received = dayOf(input.receivedOn, 'receivedOn');
  const version = versionFor(reference.periods, input.receivedOn);
  const { calendar } = reference;
  const firstCounted = reference.periods.counting.receiptDayIsDayOne ? received - 1 : received;

  const line = (
    kind: DeadlineKind,
    periodDays: number,
    rolls: boolean,
    source: string,
    extension?: { days: number; dueBefore: EpochDay },
  ): DeadlineLine => {
    const calendarEnd = extension === undefined ? firstCounted + periodDays : extension.dueBefore + extension.days;
    const due = rolls ? calendar.firstWorkingDayOnOrAfter(calendarEnd) : calendarEnd;
    return {
      kind,
      nature: NATURE_OF[kind],
      periodDays: periodDays + (extension?.days ?? 0),
      dueOn: formatIsoDate(due),
      ...(due !== calendarEnd ? { rolledForwardFrom: formatIsoDate(calendarEnd) } : {}),
      ...(extension !== undefined ? { dueBeforeExtensionOn: formatIsoDate(extension.dueBefore) } : {}),
      extendedByDays: extension?.days ?? 0,
      source,
    };
  };

  const statutory = statutoryRule(version, input);
  const rolls = version.statutory.rollsToWorkingDay;
  const source = rolls ? `${statutory.source} ${version.statutory.rollSource}` : statutory.source;
  const unextended = line('STATUTORY_DECISION', statutory.days, rolls, source);
  const extension = checkedExtension(input, version, received, dayOf(unextended.dueOn, 'dueOn'));
  const lines: DeadlineLine[] = [
    extension === undefined
      ? unextended
      : // The Atw already extended the term to the working day, so the extension runs on from that day.
        line('STATUTORY_DECISION', statutory.days, rolls, `${source} ${version.extension.source}`, {
          days: extension.days,
          dueBefore: dayOf(unextended.dueOn, 'dueOn'),
        }),
  ];

  if (input.sponsorRecognised) {
    const target = version.recognisedSponsorTarget;
    const targetDays = input.complete === true ? target.completeDays : target.incompleteDays;
    lines.push(line('RECOGNISED_SPONSOR_TARGET', targetDays, target.rollsToWorkingDay, target.source));
  }
  if (version.euAmbition.categories.includes(input.category)) {
    const ambition = version.euAmbition;
    lines.push(line('EU_30_DAY_AMBITION', ambition.days, ambition.rollsToWorkingDay, ambition.source));
  }

  return {
    category: input.category,
    receivedOn: input.receivedOn,
    referenceVersion: `${reference.periods.version}+holidays-${calendar.version}`,
    lines,
  };
}

/**
 * The one extension the reference data allows, checked fail-closed: the maximum is not confirmed (DOMAIN.md
 * §2.1), so anything beyond it is refused instead of silently moving a legal deadline.
 */
function checkedExtension(
  input: DecisionDeadlineInput,
  version: DecisionPeriodVersion,
  received: EpochDay,
  dueBeforeExtension: EpochDay,
): DeadlineExtension | undefined {
  const extensions = input.extensions ?? [];
  if (extensions.length === 0) return undefined;
  const { maxCount, maxDays } = version.extension;
  if (extensions.length > maxCount) {
    throw new DeadlineError('EXTENSION_NOT_ALLOWED', `${extensions.length} extensions given; reference data allows at most ${maxCount}`, [
      { field: 'extensions', description: `at most ${maxCount}` },
    ]);
  }
  const [extension] = extensions;
  if (!Number.isInteger(extension.days) || extension.days < 1) {
    throw DeadlineError.invalidInput('extensions[0].days', 'expected a whole number of days, at least 1');
  }
  if (extension.days > maxDays) {
    throw new DeadlineError('EXTENSION_NOT_ALLOWED', `an extension of ${extension.days} days exceeds the ${maxDays} allowed`, [
      { field: 'extensions[0].days', description: `at most ${maxDays}` },
    ]);
  }
  const announced = dayOf(extension.announcedOn, 'extensions[0].announcedOn');
  // A period that has run out cannot be extended (Awb art. 4:14(3): notice is given before it ends).
  if (announced < received || announced > dueBeforeExtension) {
    throw new DeadlineError(
      'EXTENSION_NOT_ALLOWED',
      `an extension announced on ${extension.announcedOn} lies outside the period ${formatIsoDate(received)}..${formatIsoDate(dueBeforeExtension)}`,
      [{ field: 'extensions[0].announcedOn', description: 'must be announced before the statutory period ends' }],
    );
  }
  return extension;
}

export type DeadlineState = 'ON_TRACK' | 'AT_RISK' | 'BREACHED';

export interface DeadlineLineStatus {
  readonly kind: DeadlineKind;
  readonly nature: DeadlineNature;
  readonly dueOn: IsoDate;
  readonly status: DeadlineState;
  /** Days from today to the due date: 0 on the due date itself, negative once it has passed. */
  readonly daysLeft: number;
}

/**
 * Where each clock stands today, for the `deadline.at-risk` and `deadline.breached` events. A decision on the
 * due date itself is still in time, so the due date is AT_RISK, the day after BREACHED.
 */
export function deadlineStatus(deadlines: DecisionDeadlines, today: IsoDate, atRiskWithinDays: number): DeadlineLineStatus[] {
  const now = dayOf(today, 'today');
  if (!Number.isInteger(atRiskWithinDays) || atRiskWithinDays < 0) {
    throw DeadlineError.invalidInput('atRiskWithinDays', 'expected a whole number of days, 0 or more');
  }
  return deadlines.lines.map((line) => {
    const daysLeft = dayOf(line.dueOn, 'dueOn') - now;
    const status: DeadlineState = daysLeft < 0 ? 'BREACHED' : daysLeft <= atRiskWithinDays ? 'AT_RISK' : 'ON_TRACK';
    return { kind: line.kind, nature: line.nature, dueOn: line.dueOn, status, daysLeft };
  });
}
