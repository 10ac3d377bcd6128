import type { Transaction } from '@welkom/persistence';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { DeadlineKind } from '@welkom/contracts/generated/welkom/ind/v1/deadline_events';
import { TOPICS, type TopicDefinition } from '@welkom/events';
import type { EventOutbox } from '@welkom/messaging';
import type { ClockRepository, TransactionRepository } from '@welkom/platform';
import { strictFake } from '@welkom/testing/strict-fake';
import type { ApplicationChanges, ApplicationRecord } from '../applications/application';
import type { ApplicationRepository } from '../applications/application.repository';
import { bundledDeadlineReference } from '../deadlines/decision-period.reference';
import { decisionDeadlines } from '../deadlines/decision-deadline.calculator';
import { DeadlineMonitorService, dueAlerts } from './deadline-monitor.service';

const tx = {} as Transaction;

function openCase(alerts: string[] = []): ApplicationRecord {
  // Received on Monday 2 November 2026: statutory 60 days → 1 January 2027 (a holiday) → Monday 4 January.
  const deadlines = decisionDeadlines(
    { category: PermitCategory.PERMIT_CATEGORY_STUDENT, receivedOn: '2026-11-02', sponsorRecognised: true, complete: false },
    bundledDeadlineReference(),
  );
  return {
    id: '7f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    sponsorOin: '00000003281234560000',
    sponsorReference: 'LEI-1',
    requestFingerprint: 'f'.repeat(64),
    category: PermitCategory.PERMIT_CATEGORY_STUDENT,
    status: ApplicationStatus.APPLICATION_STATUS_EVIDENCE_PENDING,
    applicant: { kind: 'pseudonym', value: 'subj_x' },
    subjectPseudonym: 'subj_x',
    citizenship: 'KE',
    intendedStayFrom: '2027-02-01',
    intendedStayUntil: '2029-01-31',
    submittedOn: '2026-11-02',
    sponsorRecognised: true,
    completeOnReceipt: false,
    decidedOn: null,
    reasonCode: null,
    deadlines: deadlines.lines,
    deadlineReferenceVersion: deadlines.referenceVersion,
    extensionDays: null,
    extensionAnnouncedOn: null,
    deadlineAlerts: alerts,
    knowledgeMigrant: null,
    arrival: null,
    mvvEnteredOn: null,
    collectionPoint: '',
    filingRoute: 'SPONSOR',
    familyMember: null,
    createdAt: new Date('2026-11-02T09:00:00Z'),
    updatedAt: new Date('2026-11-02T09:00:00Z'),
  };
}

function monitorOn(today: string, cases: ApplicationRecord[]) {
  const sent: { topic: string; payload: { kind: DeadlineKind; daysLeft: number; dueOn: string } }[] = [];
  const recorded: (readonly string[])[] = [];
  const applications = strictFake<ApplicationRepository>('ApplicationRepository', {
    lockOpenBatch: async () => cases,
    update: async (_tx: Transaction, _id: string, changes: ApplicationChanges) => {
      recorded.push(changes.deadlineAlerts ?? []);
    },
  });
  const outbox = strictFake<EventOutbox>('EventOutbox', {
    enqueue: async <T>(_manager: Transaction, topic: TopicDefinition<T>, payload: T) => {
      sent.push({ topic: topic.name, payload: payload as never });
      return {} as never;
    },
  });
  const clock = strictFake<ClockRepository>('ClockRepository', { today: () => today, now: () => new Date(`${today}T09:00:00Z`) });
  const transactions = strictFake<TransactionRepository>('TransactionRepository', { run: (work) => work(tx) });
  return {
    monitor: new DeadlineMonitorService(applications, transactions, outbox, clock, { DEADLINE_AT_RISK_WITHIN_DAYS: 5 }),
    sent,
    recorded,
  };
}

describe('the deadline check', () => {
  it('raises nothing for a case far from every deadline', async () => {
    const { monitor, sent } = monitorOn('2026-11-10', [openCase()]);
    expect(await monitor.check()).toMatchObject({ cases: 1, atRisk: 0, breached: 0 });
    expect(sent).toEqual([]);
  });

  it('says the EU 30-day ambition is at risk five days before it, once', async () => {
    const { monitor, sent, recorded } = monitorOn('2026-11-27', [openCase()]);
    await monitor.check();
    expect(sent.map((event) => [event.topic, event.payload.kind, event.payload.dueOn, event.payload.daysLeft])).toEqual([
      [TOPICS.deadlineAtRisk.name, DeadlineKind.DEADLINE_KIND_EU_30_DAY_AMBITION, '2026-12-02', 5],
    ]);
    expect(recorded).toEqual([['EU_30_DAY_AMBITION:AT_RISK']]);
    const again = monitorOn('2026-11-28', [openCase(['EU_30_DAY_AMBITION:AT_RISK'])]);
    await again.monitor.check();
    expect(again.sent).toEqual([]);
  });

  it('reports a breach the day after the due date, and the statutory one after the holiday roll-forward', async () => {
    const { monitor, sent } = monitorOn('2027-01-05', [openCase(['EU_30_DAY_AMBITION:AT_RISK'])]);
    await monitor.check();
    expect(sent.map((event) => [event.topic, event.payload.kind, event.payload.dueOn])).toEqual([
      [TOPICS.deadlineBreached.name, DeadlineKind.DEADLINE_KIND_STATUTORY_DECISION, '2027-01-04'],
      [TOPICS.deadlineBreached.name, DeadlineKind.DEADLINE_KIND_RECOGNISED_SPONSOR_TARGET, '2026-12-21'],
      [TOPICS.deadlineBreached.name, DeadlineKind.DEADLINE_KIND_EU_30_DAY_AMBITION, '2026-12-02'],
    ]);
  });

  it('does not call a statutory deadline at risk again once it is breached', () => {
    const breached = openCase(['STATUTORY_DECISION:AT_RISK', 'STATUTORY_DECISION:BREACHED']);
    expect(dueAlerts(breached, '2027-01-10', 5).map(({ key }) => key)).toEqual([
      'RECOGNISED_SPONSOR_TARGET:BREACHED',
      'EU_30_DAY_AMBITION:BREACHED',
    ]);
  });
});
