import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TopicDefinition } from '@welkom/events';
import type { PublishOptions } from '../event-publisher';

/**
 * The transactional outbox as services see it (implemented by `OutboxWriter`): events are written in the
 * caller's transaction and published by the relay after commit, so a state change and the events that
 * report it commit together or not at all. Services inject `EVENT_OUTBOX`, so their unit tests use a fake.
 */
export interface EventOutbox {
  enqueue<T>(manager: EntityManager, topic: TopicDefinition<T>, payload: T, options?: PublishOptions): Promise<EventEnvelope>;
  /** Several events of one topic in one statement; each gets its own event id. */
  enqueueAll<T>(
    manager: EntityManager,
    topic: TopicDefinition<T>,
    payloads: readonly T[],
    options?: PublishOptions,
  ): Promise<EventEnvelope[]>;
}

/** Bound to `OutboxWriter` by `MessagingModule.forRoot`, once for every service. */
export const EVENT_OUTBOX = Symbol('EVENT_OUTBOX');
