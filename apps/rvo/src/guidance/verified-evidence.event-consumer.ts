import { Controller } from '@nestjs/common';
import type { EvidenceRevoked, EvidenceVerified } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_events';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { VerifiedEvidenceService } from './verified-evidence.service';

/** The hub's evidence events, for the guidance's "already verified" marks. */
@Controller()
export class VerifiedEvidenceEventConsumer {
  constructor(private readonly verified: VerifiedEvidenceService) {}

  @OnEvent(TOPICS.evidenceVerified)
  async onEvidenceVerified(event: ReceivedEvent<EvidenceVerified>): Promise<void> {
    await this.verified.verifiedEvent(event.payload);
  }

  @OnEvent(TOPICS.evidenceRevoked)
  async onEvidenceRevoked(event: ReceivedEvent<EvidenceRevoked>): Promise<void> {
    await this.verified.revokedEvent(event.payload);
  }
}
