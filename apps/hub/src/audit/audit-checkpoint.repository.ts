import { Inject, Injectable } from '@nestjs/common';
import type { AuditCheckpoint as AuditCheckpointMessage } from '@welkom/contracts/generated/welkom/hub/v1/audit_checkpoint';
import { TOPICS } from '@welkom/events';
import { EVENT_OUTBOX, type EventOutbox, type ReceivedEvent, VerifiedTopicReader } from '@welkom/messaging';
import type { Transaction } from '@welkom/persistence';
import { fromTimestamp, toTimestamp } from '@welkom/platform';
import { HUB_PARTY_OIN } from '../hub.config';
import type { AuditCheckpoint } from './audit-checkpoint';

/**
 * Signed checkpoints live on Kafka, not in the hub's database: whoever can rewrite the one cannot rewrite the
 * other, and cannot sign as the hub. Published through the outbox, so the envelope is signed with the hub's key.
 */
@Injectable()
export class AuditCheckpointRepository {
  constructor(
    private readonly reader: VerifiedTopicReader,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    @Inject(HUB_PARTY_OIN) private readonly hubOin: string,
  ) {}

  async publish(tx: Transaction, checkpoint: AuditCheckpoint): Promise<void> {
    await this.outbox.enqueue(tx, TOPICS.auditCheckpoint, {
      chainId: checkpoint.chainId,
      sequence: checkpoint.sequence,
      entryHash: checkpoint.entryHash,
      takenAt: toTimestamp(checkpoint.takenAt),
    });
  }

  /** Every checkpoint of `chainId` this hub signed that is still on the topic; records that do not verify are ignored. */
  async signed(chainId: string): Promise<AuditCheckpoint[]> {
    const { events } = await this.reader.read(TOPICS.auditCheckpoint);
    return events.flatMap((event) => checkpointOf(event, this.hubOin)).filter((checkpoint) => checkpoint.chainId === chainId);
  }
}

/** A verified checkpoint record as a checkpoint of `hubOin`'s chain; nothing when it is another's or unreadable. */
export function checkpointOf(event: ReceivedEvent<AuditCheckpointMessage>, hubOin: string): AuditCheckpoint[] {
  const takenAt = fromTimestamp(event.payload.takenAt);
  if (event.envelope.sourcePartyOin !== hubOin || !(takenAt instanceof Date) || !/^[0-9a-f]{64}$/.test(event.payload.entryHash)) return [];
  return [{ chainId: event.payload.chainId, sequence: event.payload.sequence, entryHash: event.payload.entryHash, takenAt }];
}
