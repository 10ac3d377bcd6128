import type { EntityManager } from 'typeorm';
import type { ReceivedEvent } from '@welkom/messaging';

/** What the IND needs from the inbox of libs/messaging (`Inbox`): an event's effect is applied once. */
export interface EventInbox {
  claim(manager: EntityManager, event: ReceivedEvent<unknown>): Promise<boolean>;
}

export const EVENT_INBOX = Symbol('EVENT_INBOX');
