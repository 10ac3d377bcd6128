import { Inject, Injectable } from '@nestjs/common';
import { type DeadlineAlert, DeadlineKind, DeadlineNature } from '@welkom/contracts/generated/welkom/ind/v1/deadline_events';
import { TOPICS } from '@welkom/events';
import { ClockRepository, type IsoDate, toTimestamp, TransactionRepository } from '@welkom/platform';
import { EVENT_OUTBOX, type EventOutbox } from '@welkom/messaging';
import type { ApplicationRecord } from '../applications/application';
import { ApplicationRepository } from '../applications/application.repository';
import { deadlineStatus, type DeadlineLineStatus } from '../deadlines/decision-deadline.calculator';
import { IND_CONFIG, type IndConfig } from '../ind.config';

const BATCH = 200;
const FIRST_ID = '00000000-0000-0000-0000-000000000000';

export const DEADLINE_KIND_OF: Record<DeadlineLineStatus['kind'], DeadlineKind> = {
  STATUTORY_DECISION: DeadlineKind.DEADLINE_KIND_STATUTORY_DECISION,
  RECOGNISED_SPONSOR_TARGET: DeadlineKind.DEADLINE_KIND_RECOGNISED_SPONSOR_TARGET,
  EU_30_DAY_AMBITION: DeadlineKind.DEADLINE_KIND_EU_30_DAY_AMBITION,
};

export const DEADLINE_NATURE_OF: Record<DeadlineLineStatus['nature'], DeadlineNature> = {
  LEGAL: DeadlineNature.DEADLINE_NATURE_LEGAL,
  SERVICE_TARGET: DeadlineNature.DEADLINE_NATURE_SERVICE_TARGET,
  INDICATIVE: DeadlineNature.DEADLINE_NATURE_INDICATIVE,
};

export interface DeadlineCheckResult {
  checkedOn: IsoDate;
  cases: number;
  atRisk: number;
  breached: number;
}

/** The alerts a case is due for today that it has not had yet: each clock alerts once per state. */
export function dueAlerts(
  application: ApplicationRecord,
  today: IsoDate,
  atRiskWithinDays: number,
): { line: DeadlineLineStatus; key: string }[] {
  const lines = deadlineStatus(
    {
      category: application.category,
      receivedOn: application.submittedOn,
      referenceVersion: application.deadlineReferenceVersion,
      lines: application.deadlines,
    },
    today,
    atRiskWithinDays,
  );
  return lines
    .filter((line) => line.status !== 'ON_TRACK')
    .map((line) => ({ line, key: `${line.kind}:${line.status}` }))
    .filter(({ key }) => !application.deadlineAlerts.includes(key));
}

/**
 * Checks every open application against its three clocks and emits deadline.at-risk / deadline.breached, once
 * each, in the transaction that records them as sent. Decided applications have met (or missed) their
 * deadlines for good and are not checked. "Today" comes from the injectable business clock.
 */
@Injectable()
export class DeadlineMonitorService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly transactions: TransactionRepository,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    private readonly clock: ClockRepository,
    @Inject(IND_CONFIG) private readonly config: Pick<IndConfig, 'DEADLINE_AT_RISK_WITHIN_DAYS'>,
  ) {}

  async check(): Promise<DeadlineCheckResult> {
    const today = this.clock.today();
    const result: DeadlineCheckResult = { checkedOn: today, cases: 0, atRisk: 0, breached: 0 };
    let afterId = FIRST_ID;
    for (;;) {
      const batch = await this.transactions.run(async (tx) => {
        const cases = await this.applications.lockOpenBatch(tx, afterId, BATCH);
        const now = this.clock.now();
        for (const application of cases) {
          const alerts = dueAlerts(application, today, this.config.DEADLINE_AT_RISK_WITHIN_DAYS);
          if (alerts.length === 0) continue;
          for (const { line } of alerts) {
            const topic = line.status === 'BREACHED' ? TOPICS.deadlineBreached : TOPICS.deadlineAtRisk;
            await this.outbox.enqueue(tx, topic, alertOf(application, line, today, now));
            if (line.status === 'BREACHED') result.breached += 1;
            else result.atRisk += 1;
          }
          // A breach also settles the at-risk alert: a clock that ran out is not "at risk" any more.
          const sent = new Set([
            ...application.deadlineAlerts,
            ...alerts.flatMap(({ line, key }) => (line.status === 'BREACHED' ? [key, `${line.kind}:AT_RISK`] : [key])),
          ]);
          await this.applications.update(tx, application.id, { deadlineAlerts: [...sent].sort() });
        }
        return cases;
      });
      result.cases += batch.length;
      if (batch.length < BATCH) return result;
      afterId = batch[batch.length - 1].id;
    }
  }
}

function alertOf(application: ApplicationRecord, line: DeadlineLineStatus, today: IsoDate, now: Date): DeadlineAlert {
  return {
    applicationRef: application.id,
    subject: application.subjectPseudonym ? { pseudonym: application.subjectPseudonym } : undefined,
    category: application.category,
    sponsor: { oin: application.sponsorOin, subUnit: '' },
    kind: DEADLINE_KIND_OF[line.kind],
    nature: DEADLINE_NATURE_OF[line.nature],
    dueOn: line.dueOn,
    daysLeft: line.daysLeft,
    checkedOn: today,
    submittedOn: application.submittedOn,
    status: application.status,
    occurredAt: toTimestamp(now),
  };
}
