import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * An event written in the same transaction as the state change it reports, waiting for the relay. The row
 * holds the exact Kafka record (key, signed envelope headers, payload bytes), so publishing it needs no
 * knowledge of its type and cannot alter what was signed. Published rows are deleted.
 */
@Entity({ name: 'messaging_outbox' })
export class OutboxRecordEntity {
  /** Publication order: the relay publishes rows in id order, so events of one key keep their order. */
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_messaging_outbox' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ type: 'text' })
  topic!: string;

  @Column({ name: 'message_key', type: 'text' })
  messageKey!: string;

  /** The Kafka headers as JSON text, exactly as signed and as they will be sent. */
  @Column({ type: 'text' })
  headers!: string;

  @Column({ type: 'bytea' })
  payload!: Buffer;

  @Column({ name: 'enqueued_at', type: 'timestamptz', default: () => 'now()' })
  enqueuedAt!: Date;
}
