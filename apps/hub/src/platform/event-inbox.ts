import type { EntityManager } from 'typeorm';
import type { ReceivedEvent } from '@welkom/messaging';

/**
 * What the hub needs from the inbox of libs/messaging (`Inbox`): claiming an event id in the transaction of
 * its effect, so a redelivered event is applied once.
 */
export interface EventInbox {
  claim(manager: EntityManager, event: ReceivedEvent<unknown>): Promise<boolean>;
}

export const EVENT_INBOX = Symbol('EVENT_INBOX');
