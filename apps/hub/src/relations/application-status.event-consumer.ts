import { Controller } from '@nestjs/common';
import type { ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { recordSponsorshipCommand } from './sponsorship.command';
import { SponsorshipService } from './sponsorship.service';

/** The IND's application status events, signed by the IND: where the hub learns who sponsors whom. */
@Controller()
export class ApplicationStatusEventConsumer {
  constructor(private readonly sponsorships: SponsorshipService) {}

  @OnEvent(TOPICS.applicationStatusChanged)
  async onStatusChanged(event: ReceivedEvent<ApplicationStatusChanged>): Promise<void> {
    await this.sponsorships.record(recordSponsorshipCommand(event.payload), event);
  }
}
