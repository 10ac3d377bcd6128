import { Inject, Injectable } from '@nestjs/common';
import type { IHeaders, Kafka, KafkaMessage } from 'kafkajs';
import type { TopicDefinition } from '@welkom/events';
import { RecordDecoder } from './consumer/record.decoder';
import { KAFKA_CLIENT } from './messaging.tokens';
import type { ReceivedEvent } from './received-event';
import { EnvelopeVerifier } from './signing/envelope.verifier';
import { TopicCatalog } from './topic-catalog';
import { readTopicToEnd, type TopicRecord } from './topic.reader';

/** A record as it can be written to a file and read back without Kafka: key, value and headers as text. */
export interface PortableRecord {
  topic: string;
  partition: number;
  offset: string;
  timestamp: string;
  key: string | null;
  /** base64 */
  value: string | null;
  /** Each header's value as base64 (Kafka headers are bytes). */
  headers: Record<string, string>;
}

export interface VerifiedRead<T> {
  events: ReceivedEvent<T>[];
  /** Records whose signature, envelope or payload did not hold: never believed, reported instead. */
  rejected: { offset: string; reason: string }[];
}

export function portableRecord(record: TopicRecord): PortableRecord {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(record.headers)) {
    const first = Array.isArray(value) ? value[0] : value;
    if (first !== undefined) headers[name] = Buffer.from(first).toString('base64');
  }
  return {
    topic: record.topic,
    partition: record.partition,
    offset: record.offset,
    timestamp: record.timestamp,
    key: record.key?.toString('utf8') ?? null,
    value: record.value?.toString('base64') ?? null,
    headers,
  };
}

/**
 * Decodes records the way a consumer does (signature by a party allowed to publish, event type, payload), but
 * from records already read: a verifier on another machine checks a file of them with no broker at all.
 */
export async function decodeRecords<T>(
  topic: TopicDefinition<T>,
  records: readonly PortableRecord[],
  verifier: EnvelopeVerifier,
): Promise<VerifiedRead<T>> {
  const decoder = new RecordDecoder(new TopicCatalog([topic as TopicDefinition<unknown>]), verifier, '');
  const read: VerifiedRead<T> = { events: [], rejected: [] };
  for (const record of records) {
    const headers: IHeaders = {};
    for (const [name, value] of Object.entries(record.headers)) headers[name] = Buffer.from(value, 'base64');
    const message = {
      key: record.key === null ? null : Buffer.from(record.key, 'utf8'),
      value: record.value === null ? null : Buffer.from(record.value, 'base64'),
      headers,
      offset: record.offset,
      timestamp: record.timestamp,
      attributes: 0,
    } as KafkaMessage;
    const decoded = await decoder.decode(topic.name, record.partition, message);
    if (decoded.ok) read.events.push(decoded.event as ReceivedEvent<T>);
    else read.rejected.push({ offset: record.offset, reason: `${decoded.errorClass}: ${decoded.reason}` });
  }
  return read;
}

/** Reads a whole (typically compacted) topic and keeps only what a consumer would believe. */
@Injectable()
export class VerifiedTopicReader {
  constructor(
    @Inject(KAFKA_CLIENT) private readonly kafka: Kafka,
    private readonly verifier: EnvelopeVerifier,
  ) {}

  /** The records as they are on the topic, for export. */
  async readPortable(topic: Pick<TopicDefinition<unknown>, 'name'>): Promise<PortableRecord[]> {
    return (await readTopicToEnd(this.kafka, [topic.name])).map(portableRecord);
  }

  async read<T>(topic: TopicDefinition<T>): Promise<VerifiedRead<T>> {
    return decodeRecords(topic, await this.readPortable(topic), this.verifier);
  }
}
