import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TopicDefinition } from '@welkom/events';

/** The transactional outbox of libs/messaging (`OutboxWriter`) as the connector's services see it. */
export interface EventOutbox {
  enqueue<T>(manager: EntityManager, topic: TopicDefinition<T>, payload: T): Promise<EventEnvelope>;
}

export const EVENT_OUTBOX = Symbol('EVENT_OUTBOX');
