import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TopicDefinition } from '@welkom/events';

/**
 * What the IND needs from the transactional outbox of libs/messaging (`OutboxWriter`): an event is written
 * in the transaction of the state change it reports and published by the relay after commit. Services
 * depend on this port, so their unit tests use a plain fake.
 */
export interface EventOutbox {
  enqueue<T>(manager: EntityManager, topic: TopicDefinition<T>, payload: T): Promise<EventEnvelope>;
}

export const EVENT_OUTBOX = Symbol('EVENT_OUTBOX');
