import type { IHeaders, Kafka } from 'kafkajs';
import { DEAD_LETTER_SUFFIX, ENVELOPE_HEADERS, readHeader } from '@welkom/events';
import { DEAD_LETTER_HEADERS, originalHeaders, type DeadLetterErrorClass } from '../dead-letter';
import { readTopicToEnd, type TopicRecord } from '../topic.reader';

/** A parked record as operators see it: where it sits, why, where it came from, and the original record. */
export interface DeadLetterRecord {
  /** `<dead-letter topic>:<partition>:<offset>`, the handle the CLI takes. */
  id: string;
  deadLetterTopic: string;
  partition: number;
  offset: string;
  sourceTopic: string;
  sourcePartition: number;
  sourceOffset: string;
  errorClass: DeadLetterErrorClass;
  reason: string;
  consumerGroup: string;
  deadLetteredAt: string;
  /** From the original envelope, when it was readable. */
  eventId: string | null;
  eventType: string | null;
  sourcePartyOin: string | null;
  key: Buffer | null;
  value: Buffer | null;
  /** The headers the record had on its source topic (dead-letter headers removed). */
  headers: IHeaders;
}

export function deadLetterId(topic: string, partition: number, offset: string): string {
  return `${topic}:${partition}:${offset}`;
}

/** Reads a record from a `.dlt` topic; tolerant, because what sits there is by definition not well-formed. */
export function parseDeadLetter(record: TopicRecord): DeadLetterRecord {
  const headers = record.headers;
  const text = (name: string): string | null => {
    try {
      return readHeader(headers, name) ?? null;
    } catch {
      return null;
    }
  };
  return {
    id: deadLetterId(record.topic, record.partition, record.offset),
    deadLetterTopic: record.topic,
    partition: record.partition,
    offset: record.offset,
    sourceTopic: text(DEAD_LETTER_HEADERS.sourceTopic) ?? record.topic.slice(0, -DEAD_LETTER_SUFFIX.length),
    sourcePartition: Number(text(DEAD_LETTER_HEADERS.sourcePartition) ?? -1),
    sourceOffset: text(DEAD_LETTER_HEADERS.sourceOffset) ?? '',
    errorClass: (text(DEAD_LETTER_HEADERS.errorClass) ?? 'MALFORMED_ENVELOPE') as DeadLetterErrorClass,
    reason: text(DEAD_LETTER_HEADERS.reason) ?? '',
    consumerGroup: text(DEAD_LETTER_HEADERS.consumerGroup) ?? '',
    deadLetteredAt: text(DEAD_LETTER_HEADERS.deadLetteredAt) ?? '',
    eventId: text(ENVELOPE_HEADERS.eventId),
    eventType: text(ENVELOPE_HEADERS.eventType),
    sourcePartyOin: text(ENVELOPE_HEADERS.sourcePartyOin),
    key: record.key,
    value: record.value,
    headers: originalHeaders(record.headers),
  };
}

/** Every dead letter on the cluster's `.dlt` topics, or on those of the given source topics. */
export async function listDeadLetters(kafka: Kafka, sourceTopics: string[] = []): Promise<DeadLetterRecord[]> {
  const admin = kafka.admin();
  await admin.connect();
  let topics: string[];
  try {
    const wanted = new Set(sourceTopics.map((topic) => topic + DEAD_LETTER_SUFFIX));
    topics = (await admin.listTopics()).filter((topic) => topic.endsWith(DEAD_LETTER_SUFFIX) && (wanted.size === 0 || wanted.has(topic)));
  } finally {
    await admin.disconnect();
  }
  if (topics.length === 0) return [];
  return (await readTopicToEnd(kafka, topics)).map(parseDeadLetter);
}
