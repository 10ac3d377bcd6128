import { Controller } from '@nestjs/common';
import type { ApplicationFiled, SponsorNotification } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { applicationFiledCommand } from '../applications/application-intake.command';
import { ApplicationIntakeService } from '../applications/application-intake.service';
import { sponsorNotificationCommand } from './sponsor-notification.command';
import { SponsorNotificationService } from './sponsor-notification.service';

/**
 * What sponsors publish for the IND: applications (the same command and use case as the gRPC intake) and
 * duty-to-notify reports. The sponsor is the party that signed the event. A domain error (bad payload, a
 * passport number on Kafka, a report about someone else's case) sends the record to the dead-letter topic.
 */
@Controller()
export class SponsorEventsConsumer {
  constructor(
    private readonly intake: ApplicationIntakeService,
    private readonly notifications: SponsorNotificationService,
  ) {}

  @OnEvent(TOPICS.applicationFiled)
  async onApplicationFiled(event: ReceivedEvent<ApplicationFiled>): Promise<void> {
    await this.intake.file(event.envelope.sourcePartyOin, applicationFiledCommand(event.payload), event);
  }

  @OnEvent(TOPICS.sponsorNotification)
  async onSponsorNotification(event: ReceivedEvent<SponsorNotification>): Promise<void> {
    await this.notifications.apply(event.envelope.sourcePartyOin, sponsorNotificationCommand(event.payload), event);
  }
}
