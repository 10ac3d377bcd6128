import { Controller } from '@nestjs/common';
import type { ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { caseRelationsCommand } from './case-relation.command';
import { CaseRelationService } from './case-relation.service';

/** The IND's application status events, signed by the IND: where the hub learns who holds a case and who sponsors whom. */
@Controller()
export class ApplicationStatusEventConsumer {
  constructor(private readonly relations: CaseRelationService) {}

  @OnEvent(TOPICS.applicationStatusChanged)
  async onStatusChanged(event: ReceivedEvent<ApplicationStatusChanged>): Promise<void> {
    await this.relations.record(caseRelationsCommand(event.payload), event);
  }
}
