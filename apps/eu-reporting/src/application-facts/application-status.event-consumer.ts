import { Controller } from '@nestjs/common';
import type { ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { OnEventBatch, type ReceivedEvent } from '@welkom/messaging';
import { ApplicationFactService } from './application-fact.service';
import { statusChangeOf } from './application-status.mapper';

/** IND status events, a few hundred per call and partition (a history import sends hundreds of thousands). */
@Controller()
export class ApplicationStatusEventConsumer {
  constructor(private readonly facts: ApplicationFactService) {}

  @OnEventBatch(TOPICS.applicationStatusChanged)
  async onStatusChanged(events: ReceivedEvent<ApplicationStatusChanged>[]): Promise<void> {
    await this.facts.applyStatusChanges(events.map((event) => ({ change: statusChangeOf(event.payload), event })));
  }
}
