import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { ClockRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import type { FilingAnswer, IndIntakeRepository } from '../ind-connection/ind-intake.repository';
import { UniversityError } from '../university.errors';
import { fileApplicationCommand } from './application-filing.command';
import { ApplicationFilingService } from './application-filing.service';
import type { SponsoredApplicationChanges, SponsoredApplicationRecord } from './sponsored-application';
import type { SponsoredApplicationRepository } from './sponsored-application.repository';

const NOW = new Date('2026-08-01T09:00:00Z');
const request = {
  applicationReference: 'LEI-1',
  category: PermitCategory.PERMIT_CATEGORY_STUDENT,
  applicant: { passport: { number: 'AB1', issuingCountry: 'KE' } },
  citizenship: 'KE',
  intendedStayFrom: '2026-09-01',
  intendedStayUntil: '2028-08-31',
};

function harness(answer: FilingAnswer, existing?: Partial<SponsoredApplicationRecord>) {
  let stored: SponsoredApplicationRecord | null = existing ? ({ ...existing } as SponsoredApplicationRecord) : null;
  const filed: unknown[] = [];
  const applications = strictFake<SponsoredApplicationRepository>('SponsoredApplicationRepository', {
    insert: async (application: SponsoredApplicationRecord) => {
      if (stored) return false;
      stored = { ...application };
      return true;
    },
    find: async () => (stored ? { ...stored } : null),
    update: async (_reference: string, changes: SponsoredApplicationChanges) => {
      stored = { ...(stored as SponsoredApplicationRecord), ...changes };
    },
    view: async (application: SponsoredApplicationRecord) => ({ application, history: [] }),
    adoptPseudonymFromStatusHistory: async () => {
      // The status event with the pseudonym arrived before the receipt.
      if (stored && stored.subjectPseudonym === null) stored = { ...stored, subjectPseudonym: 'subj_from_status' };
    },
  });
  const ind = strictFake<IndIntakeRepository>('IndIntakeRepository', {
    file: async (filing) => {
      filed.push(filing);
      return answer;
    },
  });
  const clock = strictFake<ClockRepository>('ClockRepository', { now: () => NOW });
  return { service: new ApplicationFilingService(applications, ind, clock), stored: () => stored, filed };
}

describe('filing an application with the IND', () => {
  it('delivers at once and forgets the passport number once the IND holds it', async () => {
    const { service, stored } = harness({
      kind: 'filed',
      alreadyFiled: false,
      // A filing receipt: the IND's case id and receipt day, no pseudonym (issue 11, leak 2).
      application: { applicationRef: 'c0ffee00-0000-4000-8000-000000000001', submittedOn: '2026-08-01', subjectPseudonym: null },
    });
    const { view, alreadyFiled } = await service.file(fileApplicationCommand(request));
    expect(alreadyFiled).toBe(false);
    expect(view.application).toMatchObject({
      deliveryState: 'DELIVERED',
      indApplicationRef: 'c0ffee00-0000-4000-8000-000000000001',
      // Taken from the status event that arrived before the receipt.
      subjectPseudonym: 'subj_from_status',
      applicant: null,
    });
    expect(stored()?.applicant).toBeNull();
  });

  it('keeps a pseudonym the IND answered with (a withdrawal answer carries the application)', async () => {
    const { service } = harness({
      kind: 'filed',
      alreadyFiled: false,
      application: { applicationRef: 'c0ffee00-0000-4000-8000-000000000002', submittedOn: '2026-08-01', subjectPseudonym: 'subj_x' },
    });
    const { view } = await service.file(fileApplicationCommand(request));
    expect(view.application.subjectPseudonym).toBe('subj_x');
  });

  it('keeps the application queued, with a later retry, while the IND cannot be reached', async () => {
    const { service, stored } = harness({ kind: 'unreachable', problem: 'connection refused' });
    const { view } = await service.file(fileApplicationCommand(request));
    expect(view.application).toMatchObject({ deliveryState: 'QUEUED', deliveryAttempts: 1, deliveryProblem: 'connection refused' });
    expect(stored()?.nextDeliveryAt).toEqual(new Date(NOW.getTime() + 1000));
    expect(stored()?.applicant).toEqual(request.applicant);
  });

  it('marks the application rejected with the IND reason when the IND refuses to register it', async () => {
    const { service } = harness({
      kind: 'rejected',
      rejection: { code: 'INVALID_ARGUMENT', reason: 'INVALID_REQUEST', message: 'citizenship', fieldViolations: [] },
    });
    const { view } = await service.file(fileApplicationCommand(request));
    expect(view.application).toMatchObject({ deliveryState: 'REJECTED', deliveryProblem: 'INVALID_REQUEST: citizenship' });
  });

  it('refuses a reference filed before with other content, without calling the IND', async () => {
    const first = fileApplicationCommand(request);
    const { service, filed } = harness(
      { kind: 'unreachable', problem: 'x' },
      { applicationReference: 'LEI-1', requestFingerprint: first.fingerprint, deliveryState: 'DELIVERED' },
    );
    await expect(service.file(fileApplicationCommand({ ...request, citizenship: 'NG' }))).rejects.toThrow(UniversityError);
    const again = await service.file(first);
    expect(again.alreadyFiled).toBe(true);
    expect(filed).toEqual([]);
  });
});
