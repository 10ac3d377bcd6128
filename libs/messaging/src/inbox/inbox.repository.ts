import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { MessagingMetrics } from '../messaging.metrics';
import { MESSAGING_OPTIONS } from '../messaging.tokens';
import type { ReceivedEvent } from '../received-event';
import { assertInTransaction } from '../transaction-guard';
import type { EventInbox } from './event-inbox';

export interface InboxOptions {
  /** The consumer group of events that do not say which group received them (the service name). */
  consumerGroup: string;
}

/**
 * Consumer-side de-duplication by event id. Insert first, with ON CONFLICT DO NOTHING: the first
 * transaction to insert the id wins and applies the effect; a redelivery, a relay duplicate or a replay
 * finds the row (or waits for the winner's commit on the primary key) and skips. Because the row commits
 * or rolls back with the effect, "claimed" and "applied" can never disagree.
 */
@Injectable()
export class Inbox implements EventInbox {
  constructor(
    @Inject(MESSAGING_OPTIONS) private readonly options: InboxOptions,
    private readonly metrics: MessagingMetrics,
  ) {}

  /** True the first time this consumer group sees the event id; call it inside the effect's transaction. */
  async claim(manager: EntityManager, event: ReceivedEvent<unknown>): Promise<boolean> {
    return (await this.claimAll(manager, [event])).length === 1;
  }

  /** The events of `events` this group has not seen before, in their order; for batch handlers. */
  async claimAll<T>(manager: EntityManager, events: readonly ReceivedEvent<T>[]): Promise<ReceivedEvent<T>[]> {
    assertInTransaction(manager, 'Inbox.claim');
    if (events.length === 0) return [];
    const groups = events.map((event) => event.consumerGroup ?? this.options.consumerGroup);
    const inserted = await manager.query<{ consumer_group: string; event_id: string }[]>(
      `INSERT INTO messaging_inbox (consumer_group, event_id, topic, partition, "offset")
       SELECT * FROM unnest($1::text[], $2::uuid[], $3::text[], $4::int[], $5::bigint[])
       ON CONFLICT DO NOTHING
       RETURNING consumer_group, event_id`,
      [
        groups,
        events.map((event) => event.envelope.eventId),
        events.map((event) => event.topic),
        events.map((event) => event.partition),
        events.map((event) => event.offset),
      ],
    );
    const won = new Set(inserted.map((row) => `${row.consumer_group}/${row.event_id.toLowerCase()}`));
    const fresh: ReceivedEvent<T>[] = [];
    events.forEach((event, index) => {
      const id = `${groups[index]}/${event.envelope.eventId.toLowerCase()}`;
      // delete: a second copy of the same event in one batch is a duplicate too.
      if (won.delete(id)) fresh.push(event);
      else this.metrics.duplicates.inc({ topic: event.topic, group: groups[index] });
    });
    return fresh;
  }
}
