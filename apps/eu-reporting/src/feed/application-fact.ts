import type { EpochDay } from '@welkom/platform';
import type { Decision, DecisionCode, PermitCategory, SponsorType } from './permit-category';

/**
 * What the feed knows about one application: the latest word on it. A CSV row today, a status event
 * tomorrow. A later fact for the same `applicationId` replaces the earlier one.
 */
export interface ApplicationFact {
  readonly applicationId: string;
  readonly category: PermitCategory;
  /** ISO 3166-1 alpha-2. */
  readonly citizenship: string;
  readonly sponsorType?: SponsorType;
  /** ISO date the IND received the application; the statutory clock starts here. */
  readonly submittedOn: string;
  /** ISO date of the decision; absent while pending. */
  readonly decidedOn?: string;
  readonly decision?: Decision;
}

/** The same fact as it arrives from outside: every field an unchecked string. */
export interface UncheckedApplicationFact {
  readonly applicationId: string;
  readonly category: string;
  readonly citizenship: string;
  readonly sponsorType?: string;
  readonly submittedOn: string;
  readonly decidedOn?: string;
  readonly decision?: string;
}

/** A validated fact in the compact form the ledger stores: codes and epoch days, no strings but the id. */
export interface CheckedApplicationFact {
  readonly applicationId: string;
  readonly category: number;
  readonly citizenship: number;
  readonly sponsorType: number;
  readonly submittedDay: EpochDay;
  /** Meaningless while `decision` is PENDING. */
  readonly decidedDay: EpochDay;
  readonly decision: DecisionCode;
}

export type ApplicationFactField = keyof UncheckedApplicationFact;
