import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the compacted feed topic says about each series, as last enqueued: the encoded row. Written in the
 * transaction that puts the changed rows in the outbox, so after a crash the next publication compares
 * against what was really sent and republishes exactly what is missing or stale.
 */
@Entity({ name: 'published_feed_series' })
export class PublishedFeedSeriesEntity {
  @PrimaryColumn({ name: 'series_id', type: 'text', primaryKeyConstraintName: 'PK_published_feed_series' })
  seriesId!: string;

  /** The TalentFeedSeries message as published. */
  @Column({ type: 'bytea' })
  payload!: Buffer;

  @Column({ name: 'published_at', type: 'timestamptz', default: () => 'now()' })
  publishedAt!: Date;
}
