import { MvvExpiryReason, type MvvLegStep, RerouteReason } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import { addCalendarDays, type IsoDate } from '@welkom/platform';
import { allocateSlot, type BookedCount, type Reroute } from '../appointments/slot-allocation.policy';
import { ConsularError } from '../consular.errors';
import type { ConsularPostReference } from '../posts/consular-post.reference';
import { BEFORE_APPEARANCE, type MvvCaseRecord, type MvvStage } from './mvv-case';
import { appearanceDeadline, entryDeadline, isPast } from './mvv-time-limit.policy';
import type { MvvTimeLimitReference } from './mvv-time-limit.reference';

/** What a step changes on the leg, and the step's payload for the event (everything but envelope fields). */
export interface LegOutcome {
  readonly next: MvvCaseRecord;
  readonly step: Omit<MvvLegStep, 'applicationRef' | 'subject' | 'occurredAt'>;
}

export interface LegReferences {
  readonly limits: MvvTimeLimitReference;
  readonly posts: ConsularPostReference;
}

const REROUTE_REASON = {
  NO_CAPACITY: RerouteReason.REROUTE_REASON_NO_CAPACITY,
  NO_REPRESENTATION: RerouteReason.REROUTE_REASON_NO_REPRESENTATION,
};

export function toRerouteMessage(reroute: Reroute): { fromPost: string; toPost: string; reason: RerouteReason } {
  return { fromPost: reroute.fromPost, toPost: reroute.toPost, reason: REROUTE_REASON[reroute.reason] };
}

function withVersion(versions: readonly string[], version: string): string[] {
  return versions.includes(version) ? [...versions] : [...versions, version];
}

/** Biometrics and the MVV are done at the post that holds the appointment (pooled or not), nowhere else. */
export function requirePost(leg: MvvCaseRecord, post: string): void {
  if (leg.post !== post)
    throw new ConsularError(
      'NOT_THE_APPOINTMENT_POST',
      `The appointment of ${leg.applicationRef} is at ${String(leg.post)}, not at ${post}`,
    );
}

function requireStage(leg: MvvCaseRecord, allowed: readonly MvvStage[], step: string): void {
  if (leg.stage === 'EXPIRED')
    throw new ConsularError(
      'MVV_LEG_EXPIRED',
      `The MVV leg of ${leg.applicationRef} lapsed (${String(leg.expiryReason)}): a new application is needed`,
    );
  if (!allowed.includes(leg.stage)) throw new ConsularError('STEP_OUT_OF_ORDER', `${step} is not possible for a leg in ${leg.stage}`);
}

/** The leg opened by the IND's MVV authorisation: the 3-month window runs from the notification (Vc B1/3.3.4). */
export function openIntake(
  input: { applicationRef: string; subjectPseudonym: string; citizenship: string; notifiedOn: IsoDate; at: Date },
  references: LegReferences,
): LegOutcome {
  const appearBy = appearanceDeadline(input.notifiedOn, references.limits);
  return {
    next: {
      applicationRef: input.applicationRef,
      subjectPseudonym: input.subjectPseudonym,
      citizenship: input.citizenship,
      stage: 'INTAKE_OPEN',
      notifiedOn: input.notifiedOn,
      appearBy: appearBy.lastDay,
      chosenPost: null,
      firstPost: null,
      post: null,
      appointmentOn: null,
      firstPostWaitingDays: null,
      reroutes: [],
      capturedOn: null,
      biometricsEvidenceId: null,
      issuedOn: null,
      enterBy: null,
      visaStickerNumber: null,
      enteredOn: null,
      expiryReason: null,
      expiredOn: null,
      referenceVersions: [appearBy.referenceVersion],
      createdAt: input.at,
      updatedAt: input.at,
    },
    step: { referenceVersion: appearBy.referenceVersion, intakeOpened: { notifiedOn: input.notifiedOn, appearBy: appearBy.lastDay } },
  };
}

/**
 * The first slot from tomorrow to the last day of the window, at the chosen post or pooled (./slot-allocation.policy).
 * The applicant's choice and every reroute are kept on the leg.
 */
export function offerSlot(
  leg: MvvCaseRecord,
  request: { chosenPost: string; residenceCountry: string; today: IsoDate; at: Date },
  references: LegReferences,
  booked: BookedCount,
): LegOutcome {
  requireStage(leg, ['INTAKE_OPEN'], 'A slot offer');
  if (isPast(leg.appearBy, request.today))
    throw new ConsularError('MVV_LEG_EXPIRED', `The appearance window of ${leg.applicationRef} closed on ${leg.appearBy}`);
  const allocation = allocateSlot(
    {
      preferredPost: request.chosenPost,
      residenceCountry: request.residenceCountry,
      firstDay: addCalendarDays(request.today, 1),
      lastDay: leg.appearBy,
    },
    references.posts,
    booked,
  );
  if (allocation.kind === 'NO_POST')
    throw new ConsularError('NO_POST_FOR_COUNTRY', `No post takes MVV biometrics for residents of ${allocation.residenceCountry}`);
  if (allocation.kind === 'NO_SLOT_IN_WINDOW')
    throw new ConsularError('NO_SLOT_IN_WINDOW', `No slot before ${leg.appearBy} at ${allocation.tried.join(', ')}`);
  const next: MvvCaseRecord = {
    ...leg,
    stage: 'SLOT_OFFERED',
    chosenPost: request.chosenPost === '' ? null : request.chosenPost,
    firstPost: allocation.firstPost,
    post: allocation.post,
    appointmentOn: allocation.day,
    firstPostWaitingDays: allocation.firstPostWaitingDays,
    reroutes: allocation.reroutes,
    referenceVersions: withVersion(leg.referenceVersions, allocation.referenceVersion),
    updatedAt: request.at,
  };
  return {
    next,
    step: {
      referenceVersion: allocation.referenceVersion,
      slotOffered: {
        chosenPost: request.chosenPost,
        firstPost: allocation.firstPost,
        post: allocation.post,
        appointmentOn: allocation.day,
        reroutes: allocation.reroutes.map(toRerouteMessage),
        firstPostWaitingDays: allocation.firstPostWaitingDays ?? -1,
      },
    },
  };
}

export function bookAppointment(leg: MvvCaseRecord, at: Date): LegOutcome {
  requireStage(leg, ['SLOT_OFFERED'], 'Booking');
  return {
    next: { ...leg, stage: 'APPOINTMENT_BOOKED', updatedAt: at },
    step: { referenceVersion: '', appointmentBooked: { post: leg.post ?? '', appointmentOn: leg.appointmentOn ?? '' } },
  };
}

/** The applicant appeared in time: the post records the fact of the capture and the hub's evidence id, nothing more. */
export function captureBiometrics(leg: MvvCaseRecord, today: IsoDate, evidenceId: string, at: Date): LegOutcome {
  requireStage(leg, ['APPOINTMENT_BOOKED'], 'Capturing biometrics');
  if (isPast(leg.appearBy, today))
    throw new ConsularError('MVV_LEG_EXPIRED', `The appearance window of ${leg.applicationRef} closed on ${leg.appearBy}`);
  return {
    next: { ...leg, stage: 'BIOMETRICS_CAPTURED', capturedOn: today, biometricsEvidenceId: evidenceId, updatedAt: at },
    step: { referenceVersion: '', biometricsCaptured: { post: leg.post ?? '', capturedOn: today, evidenceId } },
  };
}

/** Checks a capture is possible now, before the hub is asked to record its evidence. */
export function assertCanCapture(leg: MvvCaseRecord, today: IsoDate): void {
  captureBiometrics(leg, today, '', new Date(0));
}

/** The MVV is issued: the 90-day entry window runs; the sticker number stays on the leg, not in the event. */
export function issueMvv(leg: MvvCaseRecord, today: IsoDate, visaStickerNumber: string, references: LegReferences, at: Date): LegOutcome {
  requireStage(leg, ['BIOMETRICS_CAPTURED'], 'Issuing the MVV');
  const enterBy = entryDeadline(today, references.limits);
  return {
    next: {
      ...leg,
      stage: 'MVV_ISSUED',
      issuedOn: today,
      enterBy: enterBy.lastDay,
      visaStickerNumber,
      referenceVersions: withVersion(leg.referenceVersions, enterBy.referenceVersion),
      updatedAt: at,
    },
    step: { referenceVersion: enterBy.referenceVersion, mvvIssued: { post: leg.post ?? '', issuedOn: today, enterBy: enterBy.lastDay } },
  };
}

export function recordEntry(leg: MvvCaseRecord, today: IsoDate, at: Date): LegOutcome {
  requireStage(leg, ['MVV_ISSUED'], 'Recording entry');
  if (leg.enterBy !== null && isPast(leg.enterBy, today))
    throw new ConsularError('MVV_LEG_EXPIRED', `The entry window of ${leg.applicationRef} closed on ${leg.enterBy}`);
  return {
    next: { ...leg, stage: 'ENTERED', enteredOn: today, updatedAt: at },
    step: { referenceVersion: '', entryRecorded: { enteredOn: today } },
  };
}

function expire(leg: MvvCaseRecord, reason: MvvExpiryReason, lastDay: IsoDate, today: IsoDate, at: Date): LegOutcome {
  return {
    next: { ...leg, stage: 'EXPIRED', expiryReason: reason, expiredOn: today, updatedAt: at },
    step: { referenceVersion: '', expired: { reason, lastDay } },
  };
}

/** The purpose of stay changed before the permit: the leg lapses whatever its stage, short of entry. */
export function purposeChanged(leg: MvvCaseRecord, today: IsoDate, at: Date): LegOutcome {
  requireStage(leg, [...BEFORE_APPEARANCE, 'BIOMETRICS_CAPTURED', 'MVV_ISSUED'], 'A change of purpose');
  return expire(leg, MvvExpiryReason.MVV_EXPIRY_REASON_PURPOSE_CHANGED_BEFORE_PERMIT, today, today, at);
}

/**
 * The IND withdrew the notification (facts after it, Vc B1/3.3.4) and refused: a leg not yet ended stops, so no
 * post takes biometrics or issues an MVV on a grant that no longer stands. Undefined when the leg had ended.
 */
export function grantWithdrawn(leg: MvvCaseRecord, today: IsoDate, at: Date): LegOutcome | undefined {
  if (leg.stage === 'ENTERED' || leg.stage === 'EXPIRED') return undefined;
  return expire(leg, MvvExpiryReason.MVV_EXPIRY_REASON_GRANT_WITHDRAWN, today, today, at);
}

/** The lapse of a leg past its limit on `today`, or undefined when none applies (DOMAIN.md §2.2, §7.6). */
export function lapse(leg: MvvCaseRecord, today: IsoDate, at: Date): LegOutcome | undefined {
  if (BEFORE_APPEARANCE.includes(leg.stage) && isPast(leg.appearBy, today))
    return expire(leg, MvvExpiryReason.MVV_EXPIRY_REASON_NO_APPEARANCE_WITHIN_3_MONTHS, leg.appearBy, today, at);
  if (leg.stage === 'MVV_ISSUED' && leg.enterBy !== null && isPast(leg.enterBy, today))
    return expire(leg, MvvExpiryReason.MVV_EXPIRY_REASON_NO_ENTRY_WITHIN_90_DAYS, leg.enterBy, today, at);
  return undefined;
}
