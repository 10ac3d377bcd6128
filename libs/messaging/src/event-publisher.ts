import { randomBytes, randomUUID } from 'node:crypto';
import type { Producer } from 'kafkajs';
import { envelopeToHeaders, type EventEnvelope, type TopicDefinition } from '@welkom/events';

export interface PublishOptions {
  correlationId?: string;
  traceparent?: string;
}

/** A fresh W3C trace context when the caller has none, so every event can be followed across services. */
export function newTraceparent(): string {
  return `00-${randomBytes(16).toString('hex')}-${randomBytes(8).toString('hex')}-01`;
}

/** Builds the envelope and the Kafka record for a typed payload: a wrong payload type does not compile. */
export function buildRecord<T>(
  topic: TopicDefinition<T>,
  payload: T,
  sourcePartyOin: string,
  options: PublishOptions & { eventId?: string; occurredAt?: Date } = {},
): { envelope: EventEnvelope; key: string; value: Buffer; headers: Record<string, string> } {
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

/**
 * Publishes an event straight to Kafka. For events that record no state change of the publisher
 * (announcements, heartbeats); events caused by a state change go through the transactional outbox.
 */
export class EventPublisher {
  constructor(
    private readonly producer: Producer,
    private readonly sourcePartyOin: string,
  ) {}

  async publish<T>(topic: TopicDefinition<T>, payload: T, options: PublishOptions = {}): Promise<EventEnvelope> {
    const record = buildRecord(topic, payload, this.sourcePartyOin, options);
    await this.producer.send({
      topic: topic.name,
      acks: -1,
      messages: [{ key: record.key, value: record.value, headers: record.headers }],
    });
    return record.envelope;
  }
}
