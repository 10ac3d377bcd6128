import type { IHeaders, Message, Producer } from 'kafkajs';
import { deadLetterTopicOf } from '@welkom/events';

/** Why an event could not be applied. Decides whether retrying can help. */
export type DeadLetterErrorClass =
  | 'MALFORMED_ENVELOPE'
  | 'UNKNOWN_TOPIC'
  | 'SCHEMA_VIOLATION'
  | 'BAD_SIGNATURE'
  | 'UNAUTHORISED_PUBLISHER'
  /** Older than the freshness window and not replayed through the audited dead-letter path. */
  | 'STALE'
  | 'BUSINESS_REJECTION'
  | 'RETRIES_EXHAUSTED';

export const DEAD_LETTER_HEADERS = {
  reason: 'welkom-dlt-reason',
  errorClass: 'welkom-dlt-error-class',
  sourceTopic: 'welkom-dlt-source-topic',
  sourcePartition: 'welkom-dlt-source-partition',
  sourceOffset: 'welkom-dlt-source-offset',
  consumerGroup: 'welkom-dlt-consumer-group',
  deadLetteredAt: 'welkom-dlt-at',
} as const;

const DEAD_LETTER_HEADER_NAMES = new Set<string>(Object.values(DEAD_LETTER_HEADERS));

export interface DeadLetter {
  sourceTopic: string;
  partition: number;
  offset: string;
  key: Buffer | null;
  value: Buffer | null;
  headers: IHeaders;
  errorClass: DeadLetterErrorClass;
  reason: string;
  consumerGroup: string;
}

/**
 * The record parked on `<topic>.dlt`: the original key, bytes and headers unchanged (so a replay is exact
 * and the signature still holds) plus why, where it came from, who gave up on it and when.
 */
export function deadLetterMessage(letter: DeadLetter, at: Date = new Date()): Message {
  return {
    key: letter.key,
    value: letter.value,
    headers: {
      ...letter.headers,
      [DEAD_LETTER_HEADERS.reason]: letter.reason.slice(0, 2_000),
      [DEAD_LETTER_HEADERS.errorClass]: letter.errorClass,
      [DEAD_LETTER_HEADERS.sourceTopic]: letter.sourceTopic,
      [DEAD_LETTER_HEADERS.sourcePartition]: String(letter.partition),
      [DEAD_LETTER_HEADERS.sourceOffset]: letter.offset,
      [DEAD_LETTER_HEADERS.consumerGroup]: letter.consumerGroup,
      [DEAD_LETTER_HEADERS.deadLetteredAt]: at.toISOString(),
    },
  };
}

/** The headers the record had on its source topic: what a replay puts back. */
export function originalHeaders(headers: IHeaders): IHeaders {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !DEAD_LETTER_HEADER_NAMES.has(name)));
}

/** Parks one record; the consumer itself batches its dead letters (see KafkaEventServer). */
export async function sendToDeadLetterTopic(producer: Producer, letter: DeadLetter): Promise<void> {
  await producer.send({ topic: deadLetterTopicOf(letter.sourceTopic), acks: -1, messages: [deadLetterMessage(letter)] });
}
