import { Inject, Injectable } from '@nestjs/common';
import { EVENT_INBOX, type EventInbox, type ReceivedEvent } from '@welkom/messaging';
import { ClockRepository, TransactionRepository } from '@welkom/platform';
import { IndError } from '../ind.errors';
import { ApplicationRepository } from '../applications/application.repository';
import { CaseJournal } from '../applications/case-journal';
import { IndReference } from '../reference-data/ind-reference';
import type { SponsorNotificationCommand } from './sponsor-notification.command';
import { type NotificationEffect, planNotification } from './sponsor-notification.plan';

/**
 * Applies a sponsor's duty-to-notify report to the IND case. Only the sponsor that filed the application may
 * report about it; the report, its effect, the decision record and the status event commit with the inbox
 * claim, so a redelivered report changes nothing.
 */
@Injectable()
export class SponsorNotificationService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly journal: CaseJournal,
    private readonly reference: IndReference,
    private readonly transactions: TransactionRepository,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
    private readonly clock: ClockRepository,
  ) {}

  async apply(
    sponsorOin: string,
    command: SponsorNotificationCommand,
    event: ReceivedEvent<unknown>,
  ): Promise<NotificationEffect | 'DUPLICATE'> {
    const now = this.clock.now();
    return this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return 'DUPLICATE';
      const application = await this.applications.lock(tx, command.applicationRef);
      if (!application) throw new IndError('APPLICATION_NOT_FOUND', `No application ${command.applicationRef}`);
      if (application.sponsorOin !== sponsorOin) {
        throw new IndError('NOT_THE_SPONSOR', `Party ${sponsorOin} did not file application ${command.applicationRef}`);
      }
      if (await this.applications.findNotification(tx, sponsorOin, command.notificationId)) return 'DUPLICATE';
      const plan = planNotification(application.status, application.category, command, {
        ruleVersion: this.reference.rules.version,
        sponsorRegisterVersion: this.reference.sponsors.version,
        today: this.clock.today(),
      });
      await this.applications.insertNotification(tx, {
        sponsorOin,
        notificationId: command.notificationId,
        applicationId: application.id,
        change: command.change,
        factDate: command.factDate,
        reportedOn: command.reportedOn,
        effect: plan.effect,
        reportedLate: plan.reportedLate,
        receivedAt: now,
      });
      await this.journal.record(tx, application, plan.transitions, now);
      return plan.effect;
    });
  }
}
