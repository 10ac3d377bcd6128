import { Controller } from '@nestjs/common';
import type { AuditCheckpoint } from '@welkom/contracts/generated/welkom/hub/v1/audit_checkpoint';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { AuditCountersigningService } from './audit-countersigning.service';

/** The hub's signed audit checkpoints: each one this party may vouch for is countersigned and sent back. */
@Controller()
export class AuditCheckpointEventConsumer {
  constructor(private readonly countersigning: AuditCountersigningService) {}

  @OnEvent(TOPICS.auditCheckpoint)
  async onCheckpoint(event: ReceivedEvent<AuditCheckpoint>): Promise<void> {
    await this.countersigning.checkpointSeen(event);
  }
}
