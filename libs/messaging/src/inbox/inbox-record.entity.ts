import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One row per event a consumer group has applied, written in the same transaction as the effect. The
 * primary key is what makes redelivery, relay duplicates and dead-letter replays harmless.
 */
@Entity({ name: 'messaging_inbox' })
export class InboxRecordEntity {
  @PrimaryColumn({ name: 'consumer_group', type: 'text', primaryKeyConstraintName: 'PK_messaging_inbox' })
  consumerGroup!: string;

  @PrimaryColumn({ name: 'event_id', type: 'uuid', primaryKeyConstraintName: 'PK_messaging_inbox' })
  eventId!: string;

  /** Where the first copy came from, for operators tracing an effect back to its record. */
  @Column({ type: 'text' })
  topic!: string;

  @Column({ type: 'integer' })
  partition!: number;

  @Column({ type: 'bigint' })
  offset!: string;

  @Column({ name: 'received_at', type: 'timestamptz', default: () => 'now()' })
  receivedAt!: Date;
}
