import { Controller } from '@nestjs/common';
import type {
  EvidenceRequestCompleted,
  EvidenceRequestExpired,
  EvidenceVerified,
} from '@welkom/contracts/generated/welkom/evidence/v1/evidence_events';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { EvidenceEventsService } from './evidence-events.service';

/** The hub's evidence events: a waiting case resumes when its evidence arrives (never by asking the applicant). */
@Controller()
export class EvidenceEventsConsumer {
  constructor(private readonly evidenceEvents: EvidenceEventsService) {}

  @OnEvent(TOPICS.evidenceRequestCompleted)
  async onRequestCompleted(event: ReceivedEvent<EvidenceRequestCompleted>): Promise<void> {
    await this.evidenceEvents.requestCompleted(event.payload);
  }

  @OnEvent(TOPICS.evidenceRequestExpired)
  async onRequestExpired(event: ReceivedEvent<EvidenceRequestExpired>): Promise<void> {
    await this.evidenceEvents.requestExpired(event.payload);
  }

  @OnEvent(TOPICS.evidenceVerified)
  async onEvidenceVerified(event: ReceivedEvent<EvidenceVerified>): Promise<void> {
    await this.evidenceEvents.evidenceVerified(event.payload);
  }
}
