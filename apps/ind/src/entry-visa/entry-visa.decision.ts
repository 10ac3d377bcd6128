import { MvvExpiryReason, type MvvLegStep } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import { ApplicationStatus } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { IsoDate } from '@welkom/platform';
import type { MvvExemptionReference } from '@welkom/reference-data';
import type { ApplicationEvent } from '../decisions/application-lifecycle';

/** What the IND knows about the entry leg of a case: whom the exemptions are asked about, and the day of entry. */
export interface EntryVisaFacts {
  readonly citizenship: string;
  readonly enteredOn: IsoDate | null;
}

/**
 * Whether a grant goes on to MVV_AUTHORISED or straight to the permit (DOMAIN.md §2.6), with the finding the
 * grant decision records: the ground and the exemption table's version.
 */
export function entryVisaAfterGrant(
  facts: EntryVisaFacts,
  today: IsoDate,
  exemptions: MvvExemptionReference,
): { required: boolean; finding: string } {
  const requirement = exemptions.requirement({ nationality: facts.citizenship }, today);
  const finding = requirement.required
    ? `MVV_REQUIRED (${requirement.version})`
    : `MVV_EXEMPT_${requirement.ground.kind}_${requirement.ground.code} (${requirement.version})`;
  return { required: requirement.required, finding };
}

/** An MVV holder gets the permit once entered (DOMAIN.md §2.2 step 5), not at the issue of the MVV. */
export function permitWaitsForEntry(status: ApplicationStatus, facts: EntryVisaFacts | undefined): boolean {
  return status === ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED && (facts?.enteredOn ?? null) === null;
}

/** The consular expiry reason as the IND's reason code on EXPIRED: a new application is needed. */
export function expiryReasonCode(reason: MvvExpiryReason): string {
  return reason.replace(/^MVV_EXPIRY_REASON_/, 'MVV_');
}

/** What one consular step means for the IND case; slot offers and bookings change no IND status. */
export type EntryVisaEffect =
  | { readonly kind: 'TRANSITION'; readonly event: ApplicationEvent; readonly reasonCode?: string }
  | { readonly kind: 'ENTERED'; readonly enteredOn: IsoDate }
  | { readonly kind: 'NONE' };

export function effectOf(step: MvvLegStep): EntryVisaEffect {
  if (step.biometricsCaptured) return { kind: 'TRANSITION', event: { type: 'BIOMETRICS_CAPTURED' } };
  if (step.mvvIssued) return { kind: 'TRANSITION', event: { type: 'MVV_ISSUED' } };
  if (step.entryRecorded) return { kind: 'ENTERED', enteredOn: step.entryRecorded.enteredOn };
  // The posts stopping a leg because the IND withdrew its grant is the IND's own decision coming back: nothing to do.
  if (step.expired?.reason === MvvExpiryReason.MVV_EXPIRY_REASON_GRANT_WITHDRAWN) return { kind: 'NONE' };
  if (step.expired)
    return { kind: 'TRANSITION', event: { type: 'APPLICATION_EXPIRED' }, reasonCode: expiryReasonCode(step.expired.reason) };
  return { kind: 'NONE' };
}
