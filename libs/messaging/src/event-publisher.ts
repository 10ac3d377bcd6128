import { randomUUID } from 'node:crypto';
import {
  ENVELOPE_SIGNATURE_HEADER,
  ENVELOPE_SIGNATURE_PROOF_HEADER,
  envelopeToHeaders,
  type EventEnvelope,
  type TopicDefinition,
} from '@welkom/events';
import { producerTraceHeaders } from '@welkom/observability';
import type { MessagingMetrics } from './messaging.metrics';
import type { ProducerSession } from './producer-session';
import type { EnvelopeSigner } from './signing/envelope.signer';

export interface PublishOptions {
  correlationId?: string;
  traceparent?: string;
}

/** A Kafka record ready to publish: the envelope, the key, the protobuf payload and the headers. */
export interface EventRecord {
  envelope: EventEnvelope;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
}

/**
 * A fresh W3C trace context when the caller has none, so every event can be followed across services. The
 * random bits come from one UUID (Node keeps a pool for those; two randomBytes calls per event do not).
 */
export function newTraceparent(): string {
  const traceId = randomUUID().replace(/-/g, '');
  const parentId = randomUUID().replace(/-/g, '').slice(0, 16);
  return `00-${traceId}-${parentId}-01`;
}

/** A payload that names a person by a clear identifier on a topic that must not carry one (issue 11, leak 5). */
export class ClearIdentifierRefusedError extends Error {
  constructor(
    readonly topic: string,
    readonly fields: readonly string[],
  ) {
    super(`Refusing to publish a clear identifier on ${topic} (${fields.join(', ')}): use a pseudonym, or seal it for the hub`);
    this.name = 'ClearIdentifierRefusedError';
  }
}

// What consumers accept (envelopeFromHeaders); refused here so the producer fails, not every consumer.
const CORRELATION_ID = /^[\x20-\x7e]{1,200}$/;

/** Builds the envelope and the Kafka record for a typed payload: a wrong payload type does not compile. */
export function buildRecord<T>(
  topic: TopicDefinition<T>,
  payload: T,
  sourcePartyOin: string,
  options: PublishOptions & { eventId?: string; occurredAt?: Date } = {},
): EventRecord {
  if (options.correlationId !== undefined && !CORRELATION_ID.test(options.correlationId)) {
    throw new Error('A correlation id must be 1 to 200 printable ASCII characters');
  }
  // Refused here, where every producer (outbox, direct publisher, tools) builds its records: checking only in
  // the consumer is too late, the identifier would already be on the topic and in its dead-letter copy.
  const clear = topic.clearIdentifiers?.(payload) ?? [];
  if (clear.length > 0) {
    throw new ClearIdentifierRefusedError(topic.name, clear);
  }
  const envelope: EventEnvelope = {
    eventId: options.eventId ?? randomUUID(),
    eventType: topic.eventType,
    schemaVersion: topic.schemaVersion,
    sourcePartyOin,
    occurredAt: (options.occurredAt ?? new Date()).toISOString(),
    correlationId: options.correlationId ?? randomUUID(),
    traceparent: options.traceparent ?? newTraceparent(),
  };
  return {
    envelope,
    key: topic.key(payload),
    value: Buffer.from(topic.codec.encode(payload).finish()),
    headers: envelopeToHeaders(envelope),
  };
}

/** The same record, signed by the producing party; consumers refuse records without a valid signature. */
export async function buildSignedRecord<T>(
  topic: TopicDefinition<T>,
  payload: T,
  signer: EnvelopeSigner,
  options: PublishOptions & { eventId?: string; occurredAt?: Date } = {},
): Promise<EventRecord> {
  const [record] = await buildSignedRecords(topic, [payload], signer, options);
  return record;
}

/** Records for many payloads of one topic, signed together (one signature per tree, a proof per record). */
export async function buildSignedRecords<T>(
  topic: TopicDefinition<T>,
  payloads: readonly T[],
  signer: EnvelopeSigner,
  options: PublishOptions = {},
): Promise<EventRecord[]> {
  const records = payloads.map((payload) => buildRecord(topic, payload, signer.signerOin, options));
  const signatures = await signer.signAll(records.map((record) => ({ envelope: record.envelope, key: record.key, payload: record.value })));
  return records.map((record, index) => {
    const { signature, proof } = signatures[index];
    // The trace context rides beside the signed envelope, outside the signature: it steers tracing, never a decision.
    const headers: Record<string, string> = {
      ...record.headers,
      ...producerTraceHeaders(topic.name),
      [ENVELOPE_SIGNATURE_HEADER]: signature,
    };
    if (proof !== undefined) headers[ENVELOPE_SIGNATURE_PROOF_HEADER] = proof;
    return { ...record, headers };
  });
}

/**
 * Publishes an event straight to Kafka. For events that record no state change of the publisher
 * (announcements, heartbeats); events caused by a state change go through the transactional outbox
 * (`OutboxWriter`), or a crash between the commit and the publish loses them.
 */
export class EventPublisher {
  constructor(
    private readonly producer: ProducerSession,
    private readonly signer: EnvelopeSigner,
    private readonly metrics?: MessagingMetrics,
  ) {}

  async publish<T>(topic: TopicDefinition<T>, payload: T, options: PublishOptions = {}): Promise<EventEnvelope> {
    const record = await buildSignedRecord(topic, payload, this.signer, options);
    await this.producer.send({
      topic: topic.name,
      messages: [{ key: record.key, value: record.value, headers: record.headers }],
    });
    this.metrics?.published.inc({ topic: topic.name });
    return record.envelope;
  }
}
