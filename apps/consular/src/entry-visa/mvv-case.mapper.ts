import type { MvvCase } from '@welkom/contracts/generated/welkom/consular/v1/consular_post';
import { MvvExpiryReason } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import type { MvvCaseRecord } from './mvv-case';
import { toRerouteMessage } from './mvv-leg.decision';

/** The leg as the back office sees it; the sticker number is not part of it. */
export function toMvvCase(leg: MvvCaseRecord): MvvCase {
  return {
    applicationRef: leg.applicationRef,
    stage: leg.stage,
    notifiedOn: leg.notifiedOn,
    appearBy: leg.appearBy,
    chosenPost: leg.chosenPost ?? '',
    post: leg.post ?? '',
    appointmentOn: leg.appointmentOn ?? '',
    reroutes: leg.reroutes.map(toRerouteMessage),
    issuedOn: leg.issuedOn ?? '',
    enterBy: leg.enterBy ?? '',
    enteredOn: leg.enteredOn ?? '',
    expiryReason: leg.expiryReason ?? MvvExpiryReason.MVV_EXPIRY_REASON_UNSPECIFIED,
  };
}
