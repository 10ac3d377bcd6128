import { addCalendarMonths, formatIsoDate, parseIsoDate } from '@welkom/platform';
import type { CompletionKind, OrientationYearReasonCode, OrientationYearRules } from './orientation-year.reference';

/** The facts of a DEGREE_AWARDED evidence the IND relies on: which completion, when, and its evidence id. */
export interface QualifyingCompletion {
  readonly evidenceId: string;
  readonly kind: CompletionKind;
  readonly completedOn: string;
  /** Length of the programme; only a post-master's counts it. */
  readonly programmeMonths: number;
}

export interface OrientationYearApplication {
  readonly receivedOn: string;
  /** True when the applicant asks to extend an orientation year permit they hold. */
  readonly extension: boolean;
  /** The completion the application rests on; undefined while the hub holds no DEGREE_AWARDED evidence. */
  readonly completion: QualifyingCompletion | undefined;
  /** Evidence ids of the completions on which this person was granted an orientation year before. */
  readonly completionsUsedBefore: readonly string[];
}

export interface OrientationYearPermit {
  readonly validFrom: string;
  readonly validUntil: string;
  readonly renewable: boolean;
  readonly labourMarket: 'FREE';
  readonly afterwards: 'HIGHLY_SKILLED_MIGRANT_REDUCED_CRITERION';
}

export type OrientationYearDecision =
  | {
      readonly outcome: 'GRANTED';
      readonly permit: OrientationYearPermit;
      readonly completionEvidenceId: string;
      readonly ruleVersion: string;
    }
  | { readonly outcome: 'REFUSED' | 'INCOMPLETE'; readonly reasonCode: OrientationYearReasonCode; readonly ruleVersion: string };

export class OrientationYearRulesNotInForceError extends RangeError {
  constructor(readonly on: string) {
    super(`no orientation-year rules are in force on ${on}`);
  }
}

/**
 * The IND's decision on an orientation year (DOMAIN.md §1.6): within 3 years of a qualifying completion, once per
 * completion, 12 months from receipt, not renewable. Missing completion evidence makes the case INCOMPLETE (the
 * IND asks the hub), never a refusal.
 */
export function decideOrientationYear(application: OrientationYearApplication, rules: OrientationYearRules): OrientationYearDecision {
  const version = rules.on(application.receivedOn);
  if (version === undefined) throw new OrientationYearRulesNotInForceError(application.receivedOn);
  const ruleVersion = rules.version;
  const refuse = (reasonCode: OrientationYearReasonCode) => ({ outcome: 'REFUSED', reasonCode, ruleVersion }) as const;

  if (application.extension && !version.renewable) return refuse('NOT_RENEWABLE');
  const completion = application.completion;
  if (completion === undefined) return { outcome: 'INCOMPLETE', reasonCode: 'COMPLETION_EVIDENCE_MISSING', ruleVersion };
  const qualifies =
    version.qualifyingCompletions.includes(completion.kind) &&
    (completion.kind !== 'DUTCH_POST_MASTER' || completion.programmeMonths >= version.minPostMasterMonths);
  if (!qualifies) return refuse('COMPLETION_NOT_QUALIFYING');
  if (application.receivedOn < completion.completedOn) return refuse('APPLIED_BEFORE_COMPLETION');
  if (application.receivedOn > addCalendarMonths(completion.completedOn, version.applyWithinMonthsOfCompletion))
    return refuse('WINDOW_PASSED');
  if (version.oncePerCompletion && application.completionsUsedBefore.includes(completion.evidenceId))
    return refuse('ALREADY_USED_FOR_COMPLETION');

  const endExclusive = parseIsoDate(addCalendarMonths(application.receivedOn, version.permitMonths));
  if (endExclusive === undefined) throw new RangeError('unreachable: addCalendarMonths returns an ISO date');
  return {
    outcome: 'GRANTED',
    completionEvidenceId: completion.evidenceId,
    permit: {
      validFrom: application.receivedOn,
      validUntil: formatIsoDate(endExclusive - 1),
      renewable: version.renewable,
      labourMarket: version.labourMarket,
      afterwards: version.afterwards,
    },
    ruleVersion,
  };
}
