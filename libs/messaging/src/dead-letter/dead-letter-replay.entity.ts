import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Every replay of a dead letter to its source topic: what, where it landed, who and when. */
@Entity({ name: 'messaging_dead_letter_replay' })
@Index('IDX_messaging_dead_letter_replay_record', ['deadLetterTopic', 'deadLetterPartition', 'deadLetterOffset'])
export class DeadLetterReplayEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_messaging_dead_letter_replay' })
  id!: string;

  @Column({ name: 'dead_letter_topic', type: 'text' })
  deadLetterTopic!: string;

  @Column({ name: 'dead_letter_partition', type: 'integer' })
  deadLetterPartition!: number;

  @Column({ name: 'dead_letter_offset', type: 'bigint' })
  deadLetterOffset!: string;

  @Column({ name: 'source_topic', type: 'text' })
  sourceTopic!: string;

  /** Absent when the parked record had no readable envelope (garbage bytes). */
  @Column({ name: 'event_id', type: 'text', nullable: true })
  eventId!: string | null;

  @Column({ name: 'error_class', type: 'text' })
  errorClass!: string;

  @Column({ name: 'replayed_partition', type: 'integer' })
  replayedPartition!: number;

  @Column({ name: 'replayed_offset', type: 'bigint' })
  replayedOffset!: string;

  @Column({ name: 'replayed_by', type: 'text' })
  replayedBy!: string;

  @Column({ name: 'replayed_at', type: 'timestamptz', default: () => 'now()' })
  replayedAt!: Date;
}
