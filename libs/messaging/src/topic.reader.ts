import { randomUUID } from 'node:crypto';
import type { IHeaders, Kafka } from 'kafkajs';
import { TOPIC_READER_GROUP_PREFIX } from './kafka-acls';

export interface TopicRecord {
  topic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  timestamp: string;
}

/**
 * Every record of `topics` from the oldest retained one up to the end as it is now, in offset order per
 * partition. For tools and tests that inspect a topic; it joins a throwaway consumer group (kafkajs has no
 * manual assignment), commits nothing and deletes the group afterwards.
 */
export async function readTopicToEnd(kafka: Kafka, topics: string[], timeoutMs = 30_000): Promise<TopicRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  const groupId = `${TOPIC_READER_GROUP_PREFIX}${randomUUID()}`;
  try {
    const remaining = new Map<string, bigint>();
    for (const topic of topics) {
      for (const { partition, high, low } of await admin.fetchTopicOffsets(topic)) {
        if (BigInt(high) > BigInt(low)) remaining.set(`${topic}/${partition}`, BigInt(high) - 1n);
      }
    }
    if (remaining.size === 0) return [];
    const records: TopicRecord[] = [];
    const consumer = kafka.consumer({ groupId, allowAutoTopicCreation: false });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics, fromBeginning: true });
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`Reading ${topics.join(', ')} took longer than ${timeoutMs} ms`)), timeoutMs);
        consumer
          .run({
            autoCommit: false,
            // eslint-disable-next-line @typescript-eslint/require-await -- kafkajs wants a Promise; this handler's work is synchronous.
            eachBatch: async ({ batch }) => {
              const id = `${batch.topic}/${batch.partition}`;
              const last = remaining.get(id);
              if (last === undefined) return;
              for (const message of batch.messages) {
                if (BigInt(message.offset) > last) break;
                records.push({
                  topic: batch.topic,
                  partition: batch.partition,
                  offset: message.offset,
                  key: message.key,
                  value: message.value,
                  headers: message.headers ?? {},
                  timestamp: message.timestamp,
                });
              }
              if (BigInt(batch.lastOffset()) >= last) remaining.delete(id);
              if (remaining.size === 0) {
                clearTimeout(timer);
                resolve();
              }
            },
          })
          .catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
    return records.sort(
      (a, b) => a.topic.localeCompare(b.topic) || a.partition - b.partition || Number(BigInt(a.offset) - BigInt(b.offset)),
    );
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.disconnect();
  }
}
