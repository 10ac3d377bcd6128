import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * The latest fact per application, as the feed's ledger holds it in memory: one row per application, so a
 * restart rebuilds the ledger exactly. Written in the transaction that claims the status events in the
 * inbox, so a row and the events it reflects commit together.
 */
@Entity({ name: 'application_fact' })
export class ApplicationFactEntity {
  @PrimaryColumn({ name: 'application_id', type: 'text', primaryKeyConstraintName: 'PK_application_fact' })
  applicationId!: string;

  /** Feed name of the permit category, e.g. HIGHLY_SKILLED_MIGRANT. */
  @Column({ type: 'text' })
  category!: string;

  /** ISO 3166-1 alpha-2. */
  @Column({ type: 'char', length: 2 })
  citizenship!: string;

  /** RECOGNISED_SPONSOR, NON_RECOGNISED_SPONSOR, NO_SPONSOR or UNKNOWN. */
  @Column({ name: 'sponsor_type', type: 'text' })
  sponsorType!: string;

  @Column({ name: 'submitted_on', type: 'date' })
  submittedOn!: string;

  /** Null while pending. */
  @Column({ name: 'decided_on', type: 'date', nullable: true })
  decidedOn!: string | null;

  /** GRANTED, REFUSED or WITHDRAWN; null while pending. */
  @Column({ type: 'text', nullable: true })
  decision!: string | null;

  /** The status event that last changed the row, to trace a figure back to its source. */
  @Column({ name: 'last_event_id', type: 'uuid' })
  lastEventId!: string;

  @Column({ name: 'updated_at', type: 'timestamptz', default: () => 'now()' })
  updatedAt!: Date;
}
