import { Controller } from '@nestjs/common';
import type { AuditCountersignature } from '@welkom/contracts/generated/welkom/hub/v1/audit_checkpoint';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { AuditCountersignatureService } from './audit-countersignature.service';

/** The parties' counter-signatures of the hub's audit checkpoints. */
@Controller()
export class AuditCountersignatureEventConsumer {
  constructor(private readonly countersignatures: AuditCountersignatureService) {}

  @OnEvent(TOPICS.auditCountersignature)
  async onCountersignature(event: ReceivedEvent<AuditCountersignature>): Promise<void> {
    await this.countersignatures.received(event);
  }
}
