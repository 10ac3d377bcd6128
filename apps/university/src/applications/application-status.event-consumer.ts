import { Controller } from '@nestjs/common';
import type { ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { ApplicationStatusService } from './application-status.service';

@Controller()
export class ApplicationStatusEventConsumer {
  constructor(private readonly statuses: ApplicationStatusService) {}

  @OnEvent(TOPICS.applicationStatusChanged)
  async onStatusChanged(event: ReceivedEvent<ApplicationStatusChanged>): Promise<void> {
    await this.statuses.apply(event.envelope.eventId, event.payload);
  }
}
