import { Controller } from '@nestjs/common';
import type { SponsorNotification } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { CaseRelationService } from './case-relation.service';
import { sponsorshipEndCommand } from './sponsor-notification.command';

/**
 * A sponsor's duty-to-notify reports, signed by the sponsor: where the hub learns that a sponsorship ended while
 * the IND's case did not (a permit already issued is reviewed, not refused, so no status event follows).
 */
@Controller()
export class SponsorNotificationEventConsumer {
  constructor(private readonly relations: CaseRelationService) {}

  @OnEvent(TOPICS.sponsorNotification)
  async onSponsorNotification(event: ReceivedEvent<SponsorNotification>): Promise<void> {
    await this.relations.endReportedSponsorship(sponsorshipEndCommand(event.payload), event);
  }
}
