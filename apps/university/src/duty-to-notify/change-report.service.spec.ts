import type { Transaction } from '@welkom/persistence';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { SponsorChange, type SponsorNotification } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import type { TopicDefinition } from '@welkom/events';
import type { EventOutbox } from '@welkom/messaging';
import type { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import type { SponsoredApplicationRecord } from '../applications/sponsored-application';
import type { SponsoredApplicationRepository } from '../applications/sponsored-application.repository';
import type { PushedEvidenceRecord } from '../evidence-push/pushed-evidence';
import type { PushedEvidenceRepository } from '../evidence-push/pushed-evidence.repository';
import type { HubEvidenceRepository } from '../hub-connection/hub-evidence.repository';
import { UniversityError } from '../university.errors';
import { changeReportCommand } from './change-report.command';
import { ChangeReportService } from './change-report.service';
import type { SponsorNotificationRecord } from './sponsor-notification';
import type { SponsorNotificationRepository } from './sponsor-notification.repository';

const IND_REF = 'c0ffee00-0000-4000-8000-000000000001';
const enrolment: PushedEvidenceRecord = {
  evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
  itemReference: 'enrol-1',
  evidenceId: 'e-1',
  subjectPseudonym: 'subj_x',
  contentSha256: 'd'.repeat(64),
  contentCommitment: 'e'.repeat(64),
  schemaVersion: 1,
  pushedAt: new Date('2026-09-01T10:00:00Z'),
  revokedAt: null,
  revocationReason: null,
};

function harness(application: Partial<SponsoredApplicationRecord> | null, today = '2026-11-20') {
  const revoked: string[] = [];
  const events: SponsorNotification[] = [];
  const reports: SponsorNotificationRecord[] = [];
  const tx = {} as Transaction;
  const service = new ChangeReportService(
    strictFake<SponsoredApplicationRepository>('SponsoredApplicationRepository', {
      find: async () => application as SponsoredApplicationRecord | null,
    }),
    strictFake<PushedEvidenceRepository>('PushedEvidenceRepository', {
      findActiveFor: async () => [enrolment],
      markRevoked: async () => undefined,
    }),
    strictFake<SponsorNotificationRepository>('SponsorNotificationRepository', {
      findReport: async (_tx, reference, change, factDate) =>
        reports.find((made) => made.applicationReference === reference && made.change === change && made.factDate === factDate) ?? null,
      insert: async (_tx, notification) => {
        reports.push(notification);
      },
    }),
    strictFake<HubEvidenceRepository>('HubEvidenceRepository', {
      revoke: async (_type, reference) => {
        revoked.push(reference);
        return { ok: true, value: { reference: undefined, revokedAt: undefined } };
      },
    }),
    strictFake<TransactionRepository>('TransactionRepository', { run: (work) => work(tx) }),
    strictFake<EventOutbox>('EventOutbox', {
      enqueue: async <T>(_manager: Transaction, _topic: TopicDefinition<T>, payload: T) => {
        events.push(payload as SponsorNotification);
        return {} as never;
      },
    }),
    strictFake<ClockRepository>('ClockRepository', { today: () => today, now: () => new Date(`${today}T10:00:00Z`) }),
    strictFake<IdRepository>('IdRepository', { newId: () => '9a0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b' }),
  );
  return { service, revoked, events };
}

const delivered = {
  applicationReference: 'LEI-1',
  category: PermitCategory.PERMIT_CATEGORY_STUDENT,
  indApplicationRef: IND_REF,
  subjectPseudonym: 'subj_x',
};
const deregistered = changeReportCommand({
  applicationReference: 'LEI-1',
  change: SponsorChange.SPONSOR_CHANGE_DEREGISTERED,
  factDate: '2026-11-01',
});

describe('reporting a change under the duty to notify', () => {
  it('revokes the enrolment proof in the hub and tells the IND, within the four weeks', async () => {
    const { service, revoked, events } = harness(delivered);
    const outcome = await service.report(deregistered);
    expect(revoked).toEqual(['enrol-1']);
    expect(events).toEqual([
      expect.objectContaining({
        applicationRef: IND_REF,
        subject: { pseudonym: 'subj_x' },
        change: SponsorChange.SPONSOR_CHANGE_DEREGISTERED,
        factDate: '2026-11-01',
        reportedOn: '2026-11-20',
      }),
    ]);
    expect([outcome.dueBy, outcome.notification.reportedLate]).toEqual(['2026-11-29', false]);
  });

  it('answers a report made again with the first one, and tells the IND only once', async () => {
    const { service, events } = harness(delivered);
    const first = await service.report(deregistered);
    const again = await service.report(deregistered);
    expect([first.alreadyReported, again.alreadyReported]).toEqual([false, true]);
    expect(again.notification).toEqual(first.notification);
    expect(events).toHaveLength(1);
  });

  it('flags a report made after the four weeks', async () => {
    const { service } = harness(delivered, '2026-12-01');
    expect((await service.report(deregistered)).notification.reportedLate).toBe(true);
  });

  it('refuses a change that does not fit the application, and one about an application the IND does not have yet', async () => {
    await expect(
      harness({ ...delivered, category: PermitCategory.PERMIT_CATEGORY_RESEARCHER }).service.report(deregistered),
    ).rejects.toMatchObject({ reason: 'CHANGE_NOT_APPLICABLE' });
    await expect(harness({ ...delivered, indApplicationRef: null }).service.report(deregistered)).rejects.toMatchObject({
      reason: 'APPLICATION_NOT_DELIVERED',
    });
    await expect(harness(null).service.report(deregistered)).rejects.toBeInstanceOf(UniversityError);
  });
});
