import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** Which evidence the hub verified about a pseudonymous person (from evidence.verified / .revoked events). */
@Entity({ name: 'rvo_verified_evidence' })
@Index('IDX_rvo_verified_evidence_subject', ['subjectPseudonym'])
export class VerifiedEvidenceEntity {
  @PrimaryColumn({ name: 'evidence_id', type: 'uuid', primaryKeyConstraintName: 'PK_rvo_verified_evidence' })
  evidenceId!: string;

  @Column({ name: 'subject_pseudonym', type: 'text' })
  subjectPseudonym!: string;

  /** Catalogue name without the EVIDENCE_TYPE_ prefix, as guidance names it. */
  @Column({ name: 'evidence_type', type: 'text' })
  evidenceType!: string;

  @Column({ name: 'valid_until', type: 'timestamptz', nullable: true })
  validUntil!: Date | null;
}
