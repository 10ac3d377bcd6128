import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';

/** An application the university files as recognised sponsor, and how its delivery to the IND went. */
@Entity({ name: 'university_application' })
@Unique('UQ_university_application_ind_ref', ['indApplicationRef'])
@Index('IDX_university_application_queued', ['nextDeliveryAt'], { where: `"delivery_state" = 'QUEUED'` })
export class SponsoredApplicationEntity {
  /** The office's own reference; the IND's sponsor_reference. */
  @PrimaryColumn({ name: 'application_reference', type: 'text', primaryKeyConstraintName: 'PK_university_application' })
  applicationReference!: string;

  @Column({ name: 'request_fingerprint', type: 'char', length: 64 })
  requestFingerprint!: string;

  @Column({ type: 'text' })
  category!: string;

  /** Kept only until the IND has the application (data minimisation): then the IND's pseudonym suffices. */
  @Column({ type: 'jsonb', nullable: true })
  applicant!: SubjectIdentifier | null;

  @Column({ type: 'char', length: 2 })
  citizenship!: string;

  @Column({ name: 'intended_stay_from', type: 'char', length: 10 })
  intendedStayFrom!: string;

  @Column({ name: 'intended_stay_until', type: 'char', length: 10 })
  intendedStayUntil!: string;

  /** QUEUED, DELIVERED or REJECTED. */
  @Column({ name: 'delivery_state', type: 'text' })
  deliveryState!: string;

  @Column({ name: 'delivery_problem', type: 'text', nullable: true })
  deliveryProblem!: string | null;

  @Column({ name: 'delivery_attempts', type: 'integer' })
  deliveryAttempts!: number;

  @Column({ name: 'next_delivery_at', type: 'timestamptz', nullable: true })
  nextDeliveryAt!: Date | null;

  @Column({ name: 'ind_application_ref', type: 'uuid', nullable: true })
  indApplicationRef!: string | null;

  @Column({ name: 'subject_pseudonym', type: 'text', nullable: true })
  subjectPseudonym!: string | null;

  @Column({ name: 'submitted_on', type: 'char', length: 10, nullable: true })
  submittedOn!: string | null;

  @Column({ name: 'filed_at', type: 'timestamptz' })
  filedAt!: Date;

  @Column({ name: 'delivered_at', type: 'timestamptz', nullable: true })
  deliveredAt!: Date | null;
}

/**
 * The IND's status events about the university's applications, in the order they arrived (per application
 * the order of the Kafka partition). Keyed by the IND's case id: an event may arrive before the filing call
 * returned the id, and is matched once it did.
 */
@Entity({ name: 'university_application_status' })
@Unique('UQ_university_application_status_event', ['eventId'])
@Index('IDX_university_application_status_case', ['indApplicationRef', 'id'])
export class ApplicationStatusEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_university_application_status' })
  id!: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;

  @Column({ name: 'ind_application_ref', type: 'uuid' })
  indApplicationRef!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ name: 'submitted_on', type: 'char', length: 10, nullable: true })
  submittedOn!: string | null;

  @Column({ name: 'decided_on', type: 'char', length: 10, nullable: true })
  decidedOn!: string | null;

  @Column({ name: 'subject_pseudonym', type: 'text', nullable: true })
  subjectPseudonym!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;
}
