import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TopicDefinition } from '@welkom/events';

/**
 * What the feed needs from the transactional outbox of libs/messaging (`OutboxWriter`): events written in
 * the caller's transaction and published by the relay after commit. A port, so unit tests use a fake.
 */
export interface EventOutbox {
  enqueueAll<T>(manager: EntityManager, topic: TopicDefinition<T>, payloads: readonly T[]): Promise<EventEnvelope[]>;
}

export const EVENT_OUTBOX = Symbol('EVENT_OUTBOX');
