import { DeadLetterReplayEntity } from './dead-letter/dead-letter-replay.entity';
import { InboxRecordEntity } from './inbox/inbox-record.entity';
import { MessagingBackbone1763700000000 } from './migrations/1763700000000-messaging-backbone';
import { OutboxRecordEntity } from './outbox/outbox-record.entity';

/** Tables every service database has; `serviceInfrastructure()` adds them to each app's own. */
export const MESSAGING_ENTITIES = [OutboxRecordEntity, InboxRecordEntity, DeadLetterReplayEntity];

/** In order; timestamps sort before every app migration (apps start at 1763800000000). */
export const MESSAGING_MIGRATIONS = [MessagingBackbone1763700000000];
