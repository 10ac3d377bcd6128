import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/**
 * What the university pushed into the hub, as the hub verified it. The connector's memory of its own
 * facts: which evidence to revoke when a change is reported about a person.
 */
@Entity({ name: 'university_pushed_evidence' })
@Index('IDX_university_pushed_evidence_subject', ['subjectPseudonym'])
export class PushedEvidenceEntity {
  @PrimaryColumn({ name: 'evidence_type', type: 'text', primaryKeyConstraintName: 'PK_university_pushed_evidence' })
  evidenceType!: string;

  /** The office's own reference; the hub's source_reference. */
  @PrimaryColumn({ name: 'item_reference', type: 'text', primaryKeyConstraintName: 'PK_university_pushed_evidence' })
  itemReference!: string;

  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId!: string;

  @Column({ name: 'subject_pseudonym', type: 'text' })
  subjectPseudonym!: string;

  @Column({ name: 'content_sha256', type: 'char', length: 64 })
  contentSha256!: string;

  /** The hub's salted commitment; '' for evidence pushed before the hub gave one. */
  @Column({ name: 'content_commitment', type: 'varchar', length: 64, default: '' })
  contentCommitment!: string;

  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion!: number;

  @Column({ name: 'pushed_at', type: 'timestamptz' })
  pushedAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason!: string | null;
}
