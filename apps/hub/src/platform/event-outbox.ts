import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TopicDefinition } from '@welkom/events';

export interface EnqueueOptions {
  correlationId?: string;
  traceparent?: string;
}

/**
 * What the hub needs from the transactional outbox of libs/messaging (`OutboxWriter`): the event is written
 * in the caller's transaction and published by the relay after commit, so an answer and its event commit
 * together or not at all. Services depend on this port, so their unit tests use a plain fake.
 */
export interface EventOutbox {
  enqueue<T>(manager: EntityManager, topic: TopicDefinition<T>, payload: T, options?: EnqueueOptions): Promise<EventEnvelope>;
}

export const EVENT_OUTBOX = Symbol('EVENT_OUTBOX');
