import type { IHeaders, Producer } from 'kafkajs';
import { deadLetterTopicOf } from '@welkom/events';

/** Why an event could not be applied. Decides whether retrying can help. */
export type DeadLetterErrorClass =
  | 'MALFORMED_ENVELOPE'
  | 'UNKNOWN_TOPIC'
  | 'SCHEMA_VIOLATION'
  | 'BAD_SIGNATURE'
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
 * Parks a record that cannot be applied on `<topic>.dlt`: the original bytes and headers unchanged (so a
 * replay is exact) plus why, where it came from and who gave up on it.
 */
export async function sendToDeadLetterTopic(producer: Producer, letter: DeadLetter): Promise<void> {
  await producer.send({
    topic: deadLetterTopicOf(letter.sourceTopic),
    acks: -1,
    messages: [
      {
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
          [DEAD_LETTER_HEADERS.deadLetteredAt]: new Date().toISOString(),
        },
      },
    ],
  });
}
