import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { EventEnvelope, TopicDefinition } from '@welkom/events';
import { buildSignedRecords, type PublishOptions } from '../event-publisher';
import { EnvelopeSigner } from '../signing/envelope.signer';
import { TopicCatalog } from '../topic-catalog';
import type { EventOutbox } from './event-outbox';
import { assertInTransaction } from '../transaction-guard';

// PostgreSQL allows 65,535 parameters per statement; four per event.
const MAX_EVENTS_PER_STATEMENT = 10_000;

/**
 * Writes events into the transactional outbox: in the caller's transaction, so the event exists exactly
 * when the state change it reports was committed. The envelope is stamped with this service's party and
 * signed here, once; the relay publishes the stored bytes unchanged.
 */
@Injectable()
export class OutboxWriter implements EventOutbox {
  constructor(
    private readonly signer: EnvelopeSigner,
    private readonly topics: TopicCatalog,
  ) {}

  async enqueue<T>(manager: EntityManager, topic: TopicDefinition<T>, payload: T, options: PublishOptions = {}): Promise<EventEnvelope> {
    const [envelope] = await this.enqueueAll(manager, topic, [payload], options);
    return envelope;
  }

  /** Several events of one topic in one statement (bulk imports, fan-out); each gets its own event id. */
  async enqueueAll<T>(
    manager: EntityManager,
    topic: TopicDefinition<T>,
    payloads: readonly T[],
    options: PublishOptions = {},
  ): Promise<EventEnvelope[]> {
    assertInTransaction(manager, 'OutboxWriter.enqueue');
    this.topics.assertDeclared(topic);
    if (payloads.length === 0) return [];
    if (payloads.length > MAX_EVENTS_PER_STATEMENT) {
      const envelopes: EventEnvelope[] = [];
      for (let start = 0; start < payloads.length; start += MAX_EVENTS_PER_STATEMENT) {
        envelopes.push(...(await this.enqueueAll(manager, topic, payloads.slice(start, start + MAX_EVENTS_PER_STATEMENT), options)));
      }
      return envelopes;
    }
    const records = await buildSignedRecords(topic, payloads, this.signer, options);
    // One multi-row VALUES with plain parameters: array parameters would make pg escape every ~1.5 kB
    // header text into an array literal, and PostgreSQL parse it back.
    const parameters: unknown[] = [topic.name];
    const rows = records.map((record) => {
      const first = parameters.push(record.envelope.eventId, record.key, JSON.stringify(record.headers), record.value) - 3;
      return `($${first}::uuid, $1, $${first + 1}, $${first + 2}, $${first + 3})`;
    });
    await manager.query(
      `INSERT INTO messaging_outbox (event_id, topic, message_key, headers, payload) VALUES ${rows.join(', ')}`,
      parameters,
    );
    return records.map((record) => record.envelope);
  }
}
