import type { EntityManager } from 'typeorm';
import type { ReceivedEvent } from '@welkom/messaging';

/**
 * What the feed needs from the inbox of libs/messaging (`Inbox`): claiming event ids in the transaction of
 * their effect, so a redelivered or re-imported event is applied once. A port, so unit tests use a fake.
 */
export interface EventInbox {
  claimAll<T>(manager: EntityManager, events: readonly ReceivedEvent<T>[]): Promise<ReceivedEvent<T>[]>;
}

export const EVENT_INBOX = Symbol('EVENT_INBOX');
