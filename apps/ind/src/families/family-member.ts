import type { IsoDate } from '@welkom/platform';
import type { FamilyRelation } from './family-members.reference';

/** A family member's link to the main application it was filed together with (DOMAIN.md §1.9), as the IND keeps it. */
export interface FamilyMemberRecord {
  readonly mainApplicationRef: string;
  readonly relation: FamilyRelation;
  /** Stays at the IND: a child must be a minor on the day of receipt. Never on an event. */
  readonly birthDate: IsoDate;
}
