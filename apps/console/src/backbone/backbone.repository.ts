import { Injectable } from '@nestjs/common';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { allTopicDefinitions, deadLetterTopicOf, TOPICS } from '@welkom/events';
import { TopicFiguresReader, VerifiedTopicReader } from '@welkom/messaging';
import { fromTimestamp } from '@welkom/platform';
import type { SignedCheckpoint } from '../panels/audit.panel';
import type { FlowTopic } from '../panels/chain-overview.panel';
import type { DeadLetterEntry } from '../panels/dead-letters.panel';

const roleName = (role: PartyRole): string => String(role).replace(/^PARTY_ROLE_/, '');

/**
 * What the console reads of the event backbone with its own party certificate: record counts (DESCRIBE), the
 * dead-letter topics and the hub's signed audit checkpoints (READ). It joins no consumer group of its own and
 * applies nothing.
 */
@Injectable()
export class BackboneRepository {
  constructor(
    private readonly figures: TopicFiguresReader,
    private readonly verified: VerifiedTopicReader,
  ) {}

  /** The registry's agency topics with who publishes and consumes them (platform plumbing left out). */
  flowTopics(): FlowTopic[] {
    return allTopicDefinitions()
      .filter((topic) => !topic.name.startsWith('welkom.platform.'))
      .map((topic) => ({
        name: topic.name,
        publisherRoles: topic.publisherRoles.map(roleName),
        consumerRoles: (topic.consumerRoles ?? []).map(roleName),
      }));
  }

  recordCounts(topics: readonly string[]): Promise<Map<string, number>> {
    return this.figures.recordCounts(topics);
  }

  async deadLetters(): Promise<DeadLetterEntry[]> {
    const records = await this.figures.deadLetters(allTopicDefinitions().map((topic) => deadLetterTopicOf(topic)));
    return records.map((record) => ({
      id: record.id,
      sourceTopic: record.sourceTopic,
      errorClass: record.errorClass,
      reason: record.reason,
      consumerGroup: record.consumerGroup,
      deadLetteredAt: record.deadLetteredAt,
      eventType: record.eventType,
    }));
  }

  /** Every checkpoint record whose signature verifies, in topic order, and the records that did not. */
  async checkpoints(): Promise<{ signed: SignedCheckpoint[]; refused: { offset: string; reason: string }[] }> {
    const read = await this.verified.read(TOPICS.auditCheckpoint);
    const signed = read.events.map((event) => {
      const takenAt = fromTimestamp(event.payload.takenAt);
      return {
        chainId: event.payload.chainId,
        sequence: event.payload.sequence,
        entryHash: event.payload.entryHash,
        takenAt: takenAt instanceof Date ? takenAt.toISOString() : null,
        signerOin: event.envelope.sourcePartyOin,
        offset: event.offset,
      };
    });
    return { signed, refused: read.rejected };
  }
}
