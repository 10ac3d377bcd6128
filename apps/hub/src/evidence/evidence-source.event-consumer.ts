import { Controller } from '@nestjs/common';
import type {
  EvidenceWithdrawal,
  IssuedEvidence,
  SealedIssuedEvidence,
} from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { EvidenceCatalogue } from '../catalogue/evidence-catalogue';
import { issueEvidenceCommand, sealedIssueCommand, withdrawalCommand } from './evidence-issue.command';
import { EvidenceIssueService } from './evidence-issue.service';

/**
 * Sources that publish on the event backbone instead of calling: the same commands and the same use case as
 * the gRPC adapter. The issuer is the party that signed the event. A domain error (not the source, a
 * malformed payload, a BSN on Kafka) sends the record to the dead-letter topic with its reason.
 */
@Controller()
export class EvidenceSourceEventConsumer {
  constructor(
    private readonly issuing: EvidenceIssueService,
    private readonly catalogue: EvidenceCatalogue,
  ) {}

  @OnEvent(TOPICS.evidenceSourceIssued)
  async onIssued(event: ReceivedEvent<IssuedEvidence>): Promise<void> {
    await this.issuing.issue(event.envelope.sourcePartyOin, issueEvidenceCommand(event.payload, this.catalogue, 'event'), event);
  }

  /** A source that knows the person only by a real identifier sealed it for the hub (issue 11, leak 5). */
  @OnEvent(TOPICS.evidenceSourceIssuedSealed)
  async onIssuedSealed(event: ReceivedEvent<SealedIssuedEvidence>): Promise<void> {
    await this.issuing.issueSealed(event.envelope.sourcePartyOin, sealedIssueCommand(event.payload), event);
  }

  @OnEvent(TOPICS.evidenceSourceRevoked)
  async onRevoked(event: ReceivedEvent<EvidenceWithdrawal>): Promise<void> {
    await this.issuing.revoke(event.envelope.sourcePartyOin, withdrawalCommand(event.payload, this.catalogue), event);
  }
}
