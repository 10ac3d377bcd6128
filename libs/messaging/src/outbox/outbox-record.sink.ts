import type { Message } from 'kafkajs';
import type { ProducerSession } from '../producer-session';

/** An outbox row as the relay reads it (pg returns bigint as text and bytea as a Buffer). */
export interface PendingOutboxRecord {
  id: string;
  event_id: string;
  topic: string;
  message_key: string;
  /** JSON text of the Kafka headers. */
  headers: string;
  payload: Buffer;
}

/** Where the relay publishes: Kafka in services; a wrapper in fault tests that crashes at the worst moment. */
export interface OutboxRecordSink {
  /** Resolves once every record is acknowledged by all in-sync replicas; rejects if any may be missing. */
  publish(records: PendingOutboxRecord[]): Promise<void>;
  close(): Promise<void>;
}

/** Publishes the stored records unchanged, one produce request per broker, in id order within each topic. */
export class KafkaOutboxSink implements OutboxRecordSink {
  constructor(private readonly producer: ProducerSession) {}

  async publish(records: PendingOutboxRecord[]): Promise<void> {
    const byTopic = new Map<string, Message[]>();
    for (const record of records) {
      const messages = byTopic.get(record.topic) ?? [];
      messages.push({ key: record.message_key, value: record.payload, headers: JSON.parse(record.headers) as Record<string, string> });
      byTopic.set(record.topic, messages);
    }
    await this.producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })) });
  }

  close(): Promise<void> {
    return this.producer.close();
  }
}
