import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One wage fact UWV issued (table uwv_wage_evidence). */
@Entity({ name: 'uwv_wage_evidence' })
@Index('IDX_uwv_wage_evidence_standing', ['employeeKey'], { where: '"meets_threshold" AND "revoked_at" IS NULL' })
export class WageEvidenceEntity {
  @PrimaryColumn({ name: 'source_reference', type: 'text', primaryKeyConstraintName: 'PK_uwv_wage_evidence' })
  sourceReference!: string;

  @Column({ name: 'evidence_id', type: 'text' })
  evidenceId!: string;

  @Column({ name: 'employee_key', type: 'text' })
  employeeKey!: string;

  @Column({ name: 'employer_oin', type: 'char', length: 20, nullable: true })
  employerOin!: string | null;

  @Column({ name: 'criterion', type: 'text' })
  criterion!: string;

  @Column({ name: 'reference_date', type: 'char', length: 10 })
  referenceDate!: string;

  @Column({ name: 'table_version', type: 'text' })
  tableVersion!: string;

  @Column({ name: 'meets_threshold', type: 'boolean' })
  meetsThreshold!: boolean;

  @Column({ name: 'issued_at', type: 'timestamptz' })
  issuedAt!: Date;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt!: Date | null;

  @Column({ name: 'revocation_reason', type: 'text', nullable: true })
  revocationReason!: string | null;
}
