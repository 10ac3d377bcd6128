import { Controller } from '@nestjs/common';
import type { ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { MvvLegService } from './mvv-leg.service';

/** The IND's status events: an MVV authorisation opens the leg at the consular service. */
@Controller()
export class MvvIntakeEventConsumer {
  constructor(private readonly legs: MvvLegService) {}

  @OnEvent(TOPICS.applicationStatusChanged)
  async onStatusChanged(event: ReceivedEvent<ApplicationStatusChanged>): Promise<void> {
    await this.legs.onApplicationStatus(event);
  }
}
