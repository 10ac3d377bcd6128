import type { Transaction } from '@welkom/persistence';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { DeadlineKind } from '@welkom/contracts/generated/welkom/ind/v1/deadline_events';
import { TOPICS, type TopicDefinition } from '@welkom/events';
import type { ApplicationEntity } from '../applications/application.entity';
import type { ApplicationRepository } from '../applications/application.repository';
import { bundledDeadlineReference } from '../deadlines/decision-period.reference';
import { decisionDeadlines } from '../deadlines/decision-deadline.calculator';
import type { ClockRepository } from '../platform/clock.repository';
import type { EventOutbox } from '../platform/event-outbox';
import { strictFake } from '../testing/strict-fake';
import type { TransactionRepository } from '../platform/transaction.repository';
import { DeadlineMonitorService, dueAlerts } from './deadline-monitor.service';

const tx = {} as Transaction;

function openCase(alerts: string[] = []): ApplicationEntity {
  // Received on Monday 2 November 2026: statutory 60 days → 1 January 2027 (a holiday) → Monday 4 January.
  const deadlines = decisionDeadlines(
    { category: PermitCategory.PERMIT_CATEGORY_STUDENT, receivedOn: '2026-11-02', sponsorRecognised: true, complete: false },
    bundledDeadlineReference(),
  );
  return {
    id: '7f0c1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b',
    category: PermitCategory.PERMIT_CATEGORY_STUDENT,
    status: ApplicationStatus.APPLICATION_STATUS_EVIDENCE_PENDING,
    submittedOn: '2026-11-02',
    sponsorOin: '00000003281234560000',
    subjectPseudonym: 'subj_x',
    deadlines: [...deadlines.lines],
    deadlineReferenceVersion: deadlines.referenceVersion,
    deadlineAlerts: alerts,
  } as ApplicationEntity;
}

function monitorOn(today: string, cases: ApplicationEntity[]) {
  const sent: { topic: string; payload: { kind: DeadlineKind; daysLeft: number; dueOn: string } }[] = [];
  const recorded: string[][] = [];
  const applications = strictFake<ApplicationRepository>('ApplicationRepository', {
    lockOpenBatch: async () => cases,
    update: async (_tx: Transaction, _id: string, changes: Partial<ApplicationEntity>) => {
      recorded.push(changes.deadlineAlerts ?? []);
    },
  });
  const outbox: EventOutbox = {
    enqueue: async <T>(_manager: Transaction, topic: TopicDefinition<T>, payload: T) => {
      sent.push({ topic: topic.name, payload: payload as never });
      return {} as never;
    },
  };
  const clock = strictFake<ClockRepository>('ClockRepository', { today: () => today, now: () => new Date(`${today}T09:00:00Z`) });
  const transactions = strictFake<TransactionRepository>('TransactionRepository', { run: (work) => work(tx) as never });
  return { monitor: new DeadlineMonitorService(applications, transactions, outbox, clock, { DEADLINE_AT_RISK_WITHIN_DAYS: 5 }), sent, recorded };
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
    expect(dueAlerts(breached, '2027-01-10', 5).map(({ key }) => key)).toEqual(['RECOGNISED_SPONSOR_TARGET:BREACHED', 'EU_30_DAY_AMBITION:BREACHED']);
  });
});
