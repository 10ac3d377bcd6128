import { MvvExpiryReason, type MvvLegStep } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import { ApplicationStatus } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { effectOf, permitWaitsForEntry } from './entry-visa.decision';

const base: MvvLegStep = { applicationRef: 'case-1', subject: { pseudonym: 'subj_x' }, occurredAt: undefined, referenceVersion: '' };

describe('what a consular step means for the IND case', () => {
  it.each([
    [
      { biometricsCaptured: { post: 'nairobi', capturedOn: '2026-03-02', evidenceId: 'e-1' } },
      { kind: 'TRANSITION', event: { type: 'BIOMETRICS_CAPTURED' } },
    ],
    [
      { mvvIssued: { post: 'nairobi', issuedOn: '2026-03-04', enterBy: '2026-06-02' } },
      { kind: 'TRANSITION', event: { type: 'MVV_ISSUED' } },
    ],
    [{ entryRecorded: { enteredOn: '2026-04-01' } }, { kind: 'ENTERED', enteredOn: '2026-04-01' }],
    [
      { expired: { reason: MvvExpiryReason.MVV_EXPIRY_REASON_NO_APPEARANCE_WITHIN_3_MONTHS, lastDay: '2026-06-01' } },
      { kind: 'TRANSITION', event: { type: 'APPLICATION_EXPIRED' }, reasonCode: 'MVV_NO_APPEARANCE_WITHIN_3_MONTHS' },
    ],
    [
      { expired: { reason: MvvExpiryReason.MVV_EXPIRY_REASON_NO_ENTRY_WITHIN_90_DAYS, lastDay: '2026-06-02' } },
      { kind: 'TRANSITION', event: { type: 'APPLICATION_EXPIRED' }, reasonCode: 'MVV_NO_ENTRY_WITHIN_90_DAYS' },
    ],
    [{ expired: { reason: MvvExpiryReason.MVV_EXPIRY_REASON_GRANT_WITHDRAWN, lastDay: '2026-03-20' } }, { kind: 'NONE' }],
    [
      {
        slotOffered: {
          chosenPost: 'lagos',
          firstPost: 'lagos',
          post: 'be-abuja',
          appointmentOn: '2026-03-02',
          reroutes: [],
          firstPostWaitingDays: 30,
        },
      },
      { kind: 'NONE' },
    ],
  ])('%o → %o', (step, effect) => {
    expect(effectOf({ ...base, ...step })).toEqual(effect);
  });

  it('holds the permit of an MVV holder until entry, and no other status', () => {
    expect(permitWaitsForEntry(ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED, { citizenship: 'KE', enteredOn: null })).toBe(true);
    expect(permitWaitsForEntry(ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED, { citizenship: 'KE', enteredOn: '2026-04-01' })).toBe(
      false,
    );
    expect(permitWaitsForEntry(ApplicationStatus.APPLICATION_STATUS_GRANTED, { citizenship: 'KE', enteredOn: null })).toBe(false);
  });
});
