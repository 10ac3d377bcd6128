import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import { KAFKA_CLIENT } from '../messaging.tokens';
import { readTopicToEnd } from '../topic.reader';
import { type DeadLetterRecord, parseDeadLetter } from './dead-letter.store';

/**
 * What an observer (the operations console) reads of the backbone without consuming anything: how many records a
 * topic holds, and the parked records of the dead-letter topics. Needs DESCRIBE on the topics it counts and READ on
 * the dead-letter topics it reads (partyKafkaAcls, `DEAD_LETTER_READER_ROLES`), nothing else.
 */
@Injectable()
export class TopicFiguresReader {
  constructor(@Inject(KAFKA_CLIENT) private readonly kafka: Kafka) {}

  /** Records retained per topic (high minus low watermark, summed over partitions); a topic it cannot see is left out. */
  async recordCounts(topics: readonly string[]): Promise<Map<string, number>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const counts = new Map<string, number>();
      for (const topic of topics) {
        const partitions = await admin.fetchTopicOffsets(topic).catch(() => undefined);
        if (partitions)
          counts.set(
            topic,
            partitions.reduce((sum, { high, low }) => sum + Number(BigInt(high) - BigInt(low)), 0),
          );
      }
      return counts;
    } finally {
      await admin.disconnect();
    }
  }

  /** The parked records of those dead-letter topics that hold any (an empty topic costs no consumer group join). */
  async deadLetters(deadLetterTopics: readonly string[]): Promise<DeadLetterRecord[]> {
    const counts = await this.recordCounts(deadLetterTopics);
    const holding = [...counts].filter(([, count]) => count > 0).map(([topic]) => topic);
    if (holding.length === 0) return [];
    return (await readTopicToEnd(this.kafka, holding)).map(parseDeadLetter);
  }
}
