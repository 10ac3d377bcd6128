import { MvvExpiryReason, RerouteReason } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import { ConsularError } from '../consular.errors';
import { ConsularReference } from '../posts/consular-reference';
import type { MvvCaseRecord } from './mvv-case';
import {
  bookAppointment,
  captureBiometrics,
  issueMvv,
  grantWithdrawn,
  lapse,
  offerSlot,
  openIntake,
  purposeChanged,
  recordEntry,
  requirePost,
} from './mvv-leg.decision';

const reference = ConsularReference.bundled();
const AT = new Date('2026-03-01T10:00:00Z');
const REF = '0b7e3c2a-1f4d-4c8e-9a6b-2d5f7e9c1a3b';
const PSEUDONYM = `subj_${'a'.repeat(51)}a`;
const NOTHING_BOOKED = (): number => 0;

function opened(notifiedOn = '2026-03-01'): MvvCaseRecord {
  return openIntake({ applicationRef: REF, subjectPseudonym: PSEUDONYM, citizenship: 'NG', notifiedOn, at: AT }, reference).next;
}

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof ConsularError ? error.reason : String(error);
  }
  return undefined;
}

describe('the MVV leg at the consular posts (DOMAIN.md §2.2)', () => {
  it('opens with the 3-month window from the notification and publishes its dates only', () => {
    const outcome = openIntake(
      { applicationRef: REF, subjectPseudonym: PSEUDONYM, citizenship: 'NG', notifiedOn: '2026-01-31', at: AT },
      reference,
    );
    expect(outcome.next).toMatchObject({ stage: 'INTAKE_OPEN', notifiedOn: '2026-01-31', appearBy: '2026-04-30' });
    expect(outcome.step).toEqual({
      referenceVersion: 'mvv-time-limits.2026-1',
      intakeOpened: { notifiedOn: '2026-01-31', appearBy: '2026-04-30' },
    });
  });

  it('offers a slot from the day after the request, keeping the choice and the reroute', () => {
    const full = (post: string, day: string): number => (post === 'lagos' && day <= '2026-03-31' ? 1 : 0);
    const outcome = offerSlot(opened(), { chosenPost: 'lagos', residenceCountry: 'NG', today: '2026-03-01', at: AT }, reference, full);
    expect(outcome.next).toMatchObject({
      stage: 'SLOT_OFFERED',
      chosenPost: 'lagos',
      firstPost: 'lagos',
      post: 'be-abuja',
      appointmentOn: '2026-03-02',
      firstPostWaitingDays: 31,
      reroutes: [{ fromPost: 'lagos', toPost: 'be-abuja', reason: 'NO_CAPACITY' }],
    });
    expect(outcome.step.slotOffered?.reroutes).toEqual([
      { fromPost: 'lagos', toPost: 'be-abuja', reason: RerouteReason.REROUTE_REASON_NO_CAPACITY },
    ]);
  });

  it('refuses an offer after the window closed, and steps out of order', () => {
    expect(
      codeOf(() =>
        offerSlot(opened('2026-01-01'), { chosenPost: '', residenceCountry: 'NG', today: '2026-04-02', at: AT }, reference, NOTHING_BOOKED),
      ),
    ).toBe('MVV_LEG_EXPIRED');
    expect(codeOf(() => bookAppointment(opened(), AT))).toBe('STEP_OUT_OF_ORDER');
    expect(codeOf(() => issueMvv(opened(), '2026-03-05', 'X1', reference, AT))).toBe('STEP_OUT_OF_ORDER');
  });

  it('runs the whole leg: booked, captured on the last day of the window, issued, entered on day 90', () => {
    const offered = offerSlot(
      opened(),
      { chosenPost: 'nairobi', residenceCountry: 'KE', today: '2026-03-01', at: AT },
      reference,
      NOTHING_BOOKED,
    ).next;
    const booked = bookAppointment(offered, AT).next;
    const captured = captureBiometrics(booked, '2026-06-01', 'evidence-1', AT);
    expect(captured.step.biometricsCaptured).toEqual({ post: 'nairobi', capturedOn: '2026-06-01', evidenceId: 'evidence-1' });
    const issued = issueMvv(captured.next, '2026-06-03', 'NLD1234567', reference, AT);
    expect(issued.next).toMatchObject({ stage: 'MVV_ISSUED', enterBy: '2026-09-01', visaStickerNumber: 'NLD1234567' });
    expect(JSON.stringify(issued.step)).not.toContain('NLD1234567');
    expect(recordEntry(issued.next, '2026-09-01', AT).next).toMatchObject({ stage: 'ENTERED', enteredOn: '2026-09-01' });
    expect(codeOf(() => recordEntry(issued.next, '2026-09-02', AT))).toBe('MVV_LEG_EXPIRED');
  });

  it('refuses a capture the day after the window closed', () => {
    const booked = bookAppointment(
      offerSlot(opened(), { chosenPost: 'nairobi', residenceCountry: 'KE', today: '2026-03-01', at: AT }, reference, NOTHING_BOOKED).next,
      AT,
    ).next;
    expect(codeOf(() => captureBiometrics(booked, '2026-06-02', 'evidence-1', AT))).toBe('MVV_LEG_EXPIRED');
  });

  it('lapses without appearance the day after the 3 months, without entry the day after the 90 days', () => {
    const leg = opened();
    expect(lapse(leg, '2026-06-01', AT)).toBeUndefined();
    expect(lapse(leg, '2026-06-02', AT)?.step.expired).toEqual({
      reason: MvvExpiryReason.MVV_EXPIRY_REASON_NO_APPEARANCE_WITHIN_3_MONTHS,
      lastDay: '2026-06-01',
    });
    const issued: MvvCaseRecord = { ...leg, stage: 'MVV_ISSUED', issuedOn: '2026-04-01', enterBy: '2026-06-30' };
    expect(lapse(issued, '2026-06-30', AT)).toBeUndefined();
    expect(lapse(issued, '2026-07-01', AT)?.next).toMatchObject({
      stage: 'EXPIRED',
      expiryReason: MvvExpiryReason.MVV_EXPIRY_REASON_NO_ENTRY_WITHIN_90_DAYS,
    });
    expect(lapse({ ...issued, stage: 'ENTERED' }, '2026-12-31', AT)).toBeUndefined();
  });

  it('lapses on a change of purpose before the permit, not after entry', () => {
    expect(purposeChanged(opened(), '2026-03-10', AT).next).toMatchObject({
      stage: 'EXPIRED',
      expiryReason: MvvExpiryReason.MVV_EXPIRY_REASON_PURPOSE_CHANGED_BEFORE_PERMIT,
    });
    expect(codeOf(() => purposeChanged({ ...opened(), stage: 'ENTERED' }, '2026-03-10', AT))).toBe('STEP_OUT_OF_ORDER');
  });
});

describe('the post that acts', () => {
  it('is the post holding the appointment, pooled or not', () => {
    const leg: MvvCaseRecord = { ...opened(), stage: 'APPOINTMENT_BOOKED', post: 'be-abuja', appointmentOn: '2026-03-02' };
    expect(() => requirePost(leg, 'be-abuja')).not.toThrow();
    expect(codeOf(() => requirePost(leg, 'lagos'))).toBe('NOT_THE_APPOINTMENT_POST');
  });
});

describe('a grant the IND withdraws', () => {
  it('stops a leg that has not ended, and leaves an ended one alone', () => {
    expect(grantWithdrawn(opened(), '2026-03-20', AT)?.next).toMatchObject({
      stage: 'EXPIRED',
      expiryReason: MvvExpiryReason.MVV_EXPIRY_REASON_GRANT_WITHDRAWN,
      expiredOn: '2026-03-20',
    });
    expect(grantWithdrawn({ ...opened(), stage: 'ENTERED' }, '2026-03-20', AT)).toBeUndefined();
  });
});
