import type { ApplicationStatus } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { RelocationReferral } from './relocation-referral.policy';

/** A referral RVO made, as it keeps it: the policy's referral with the case, its trigger and when. */
export interface RelocationReferralRecord extends RelocationReferral {
  readonly referralId: string;
  readonly applicationRef: string;
  readonly trigger: ApplicationStatus;
  readonly referredAt: Date;
}

/** Referrals to one centre in one month against its capacity. */
export interface CentreUptake {
  readonly centreCode: string;
  readonly centreName: string;
  /** Undefined when no capacity is agreed with the centre for the month. */
  readonly monthlyCapacity: number | undefined;
  readonly referred: number;
}
