import { Column, Entity, PrimaryColumn } from 'typeorm';

/** The last announcement of each connector (one row per party and service). */
@Entity({ name: 'connector' })
export class ConnectorEntity {
  @PrimaryColumn({ name: 'party_oin', type: 'char', length: 20 })
  partyOin!: string;

  @PrimaryColumn({ type: 'text' })
  service!: string;

  @Column({ type: 'text' })
  version!: string;

  @Column({ name: 'grpc_address', type: 'text' })
  grpcAddress!: string;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt!: Date;

  /** The event that set this row; an older event never overwrites a newer one. */
  @Column({ name: 'last_event_id', type: 'uuid' })
  lastEventId!: string;
}
