import type { MvvExpiryReason } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import type { IsoDate } from '@welkom/platform';
import type { Reroute } from '../appointments/slot-allocation.policy';

/** Where an MVV leg stands at the consular service, in the order of DOMAIN.md §2.2; EXPIRED ends it early. */
export const MVV_STAGES = [
  'INTAKE_OPEN',
  'SLOT_OFFERED',
  'APPOINTMENT_BOOKED',
  'BIOMETRICS_CAPTURED',
  'MVV_ISSUED',
  'ENTERED',
  'EXPIRED',
] as const;
export type MvvStage = (typeof MVV_STAGES)[number];

/** Stages before the appearance at the post: the 3-month window runs. */
export const BEFORE_APPEARANCE: readonly MvvStage[] = ['INTAKE_OPEN', 'SLOT_OFFERED', 'APPOINTMENT_BOOKED'];

/** One application's MVV leg, as services see it. The sticker number never leaves the service. */
export interface MvvCaseRecord {
  /** The IND's pseudonymous case id. */
  readonly applicationRef: string;
  readonly subjectPseudonym: string;
  readonly citizenship: string;
  readonly stage: MvvStage;
  readonly notifiedOn: IsoDate;
  readonly appearBy: IsoDate;
  readonly chosenPost: string | null;
  readonly firstPost: string | null;
  readonly post: string | null;
  readonly appointmentOn: IsoDate | null;
  /** Days from the request to the first free slot at the first post; null when it had none in the window. */
  readonly firstPostWaitingDays: number | null;
  readonly reroutes: readonly Reroute[];
  readonly capturedOn: IsoDate | null;
  readonly biometricsEvidenceId: string | null;
  readonly issuedOn: IsoDate | null;
  readonly enterBy: IsoDate | null;
  readonly visaStickerNumber: string | null;
  readonly enteredOn: IsoDate | null;
  readonly expiryReason: MvvExpiryReason | null;
  readonly expiredOn: IsoDate | null;
  /** The versions of the time limits and post calendars the leg was run with. */
  readonly referenceVersions: readonly string[];
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** One row of the capacity figures: where an offer was asked first, where it went, and whether it was used. */
export interface OfferRow {
  readonly firstPost: string;
  readonly post: string;
  readonly firstPostWaitingDays: number | null;
  readonly used: boolean;
}
