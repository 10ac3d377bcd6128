import type { RelocationReferral } from '@welkom/contracts/generated/welkom/rvo/v1/relocation';
import { ReferralBasis } from '@welkom/contracts/generated/welkom/rvo/v1/relocation';
import { toTimestamp } from '@welkom/platform';
import type { CentreUptake, RelocationReferralRecord } from './relocation-referral';

/** The referral event: pseudonymous facts only. */
export function toReferralEvent(referral: RelocationReferralRecord): RelocationReferral {
  return {
    referralId: referral.referralId,
    applicationRef: referral.applicationRef,
    // A family member applying together has no hub pseudonym; the case id identifies its referral.
    subject: referral.subjectPseudonym ? { pseudonym: referral.subjectPseudonym } : undefined,
    category: referral.category,
    sponsor: referral.sponsorOin ? { oin: referral.sponsorOin, subUnit: '' } : undefined,
    arrivalDate: referral.arrivalDate,
    centreCode: referral.centreCode,
    basis: ReferralBasis[`REFERRAL_BASIS_${referral.basis}`],
    centreTableVersion: referral.centreTableVersion,
    trigger: referral.trigger,
    referredAt: toTimestamp(referral.referredAt),
  };
}

export interface CentreUptakeJson {
  readonly centreCode: string;
  readonly centreName: string;
  readonly monthlyCapacity: number | null;
  readonly referred: number;
  readonly remaining: number | null;
  readonly overCapacity: boolean;
}

/** One centre's month as the HTTP page shows it. */
export function toCentreUptakeJson(uptake: CentreUptake): CentreUptakeJson {
  const capacity = uptake.monthlyCapacity ?? null;
  return {
    centreCode: uptake.centreCode,
    centreName: uptake.centreName,
    monthlyCapacity: capacity,
    referred: uptake.referred,
    remaining: capacity === null ? null : Math.max(0, capacity - uptake.referred),
    overCapacity: capacity !== null && uptake.referred > capacity,
  };
}
