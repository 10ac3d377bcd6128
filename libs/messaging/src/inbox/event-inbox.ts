import type { EntityManager } from 'typeorm';
import type { ReceivedEvent } from '../received-event';

/**
 * The inbox as services see it (implemented by `Inbox`): an event id is claimed in the transaction of its
 * effect, so a redelivered, replayed or re-imported event is applied once. Services inject `EVENT_INBOX`,
 * so their unit tests use a fake.
 */
export interface EventInbox {
  /** True the first time this consumer group sees the event. */
  claim(manager: EntityManager, event: ReceivedEvent<unknown>): Promise<boolean>;
  /** The events this group has not seen before, in their order; for batch handlers. */
  claimAll<T>(manager: EntityManager, events: readonly ReceivedEvent<T>[]): Promise<ReceivedEvent<T>[]>;
}

/** Bound to `Inbox` by `MessagingModule.forRoot`, once for every service. */
export const EVENT_INBOX = Symbol('EVENT_INBOX');
