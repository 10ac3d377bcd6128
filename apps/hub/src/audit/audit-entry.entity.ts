import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** One link of the audit chain. Append-only: a trigger refuses UPDATE, DELETE and TRUNCATE. */
@Entity({ name: 'audit_entry' })
@Index('IDX_audit_entry_subject', ['subjectPseudonym', 'sequence'], { where: '"subject_pseudonym" IS NOT NULL' })
export class AuditEntryEntity {
  @PrimaryColumn({ type: 'bigint' })
  sequence!: string;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'actor_oin', type: 'char', length: 20 })
  actorOin!: string;

  @Column({ name: 'actor_sub_unit', type: 'text' })
  actorSubUnit!: string;

  @Column({ type: 'text' })
  action!: string;

  @Column({ type: 'text', nullable: true })
  reason!: string | null;

  @Column({ name: 'subject_pseudonym', type: 'text', nullable: true })
  subjectPseudonym!: string | null;

  @Column({ name: 'evidence_type', type: 'text', nullable: true })
  evidenceType!: string | null;

  @Column({ name: 'evidence_id', type: 'uuid', nullable: true })
  evidenceId!: string | null;

  @Column({ name: 'request_id', type: 'uuid', nullable: true })
  requestId!: string | null;

  @Column({ name: 'grant_id', type: 'uuid', nullable: true })
  grantId!: string | null;

  @Column({ type: 'text', nullable: true })
  purpose!: string | null;

  @Column({ name: 'legal_basis', type: 'text', nullable: true })
  legalBasis!: string | null;

  @Column({ name: 'disclosed_fields', type: 'text', array: true, nullable: true })
  disclosedFields!: string[] | null;

  @Column({ name: 'explicit_request_by_person', type: 'boolean', nullable: true })
  explicitRequestByPerson!: boolean | null;

  /** The operator in person (issue 12) when an operator acted; null for what a party or the hub itself did. */
  @Column({ name: 'actor_operator', type: 'text', nullable: true })
  actorOperator!: string | null;

  @Column({ name: 'previous_hash', type: 'char', length: 64 })
  previousHash!: string;

  @Column({ name: 'entry_hash', type: 'char', length: 64 })
  entryHash!: string;
}

/** The single row that every append locks and moves forward. */
@Entity({ name: 'audit_chain_head' })
export class AuditChainHeadEntity {
  @PrimaryColumn({ type: 'smallint' })
  id!: number;

  @Column({ name: 'last_sequence', type: 'bigint' })
  lastSequence!: string;

  @Column({ name: 'last_hash', type: 'char', length: 64 })
  lastHash!: string;
}

/** A verification that found the chain intact up to a signed checkpoint: where an incremental one starts. */
@Entity({ name: 'audit_verification' })
export class AuditVerificationEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_audit_verification' })
  id!: string;

  @Column({ name: 'checkpoint_sequence', type: 'bigint' })
  checkpointSequence!: string;

  @Column({ name: 'checkpoint_hash', type: 'char', length: 64 })
  checkpointHash!: string;

  @Column({ name: 'verified_at', type: 'timestamptz' })
  verifiedAt!: Date;

  @Column({ name: 'verified_by', type: 'text' })
  verifiedBy!: string;
}
