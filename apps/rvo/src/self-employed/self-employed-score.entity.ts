import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One self-employed score (table rvo_self_employed_score). */
@Entity({ name: 'rvo_self_employed_score' })
export class SelfEmployedScoreEntity {
  @PrimaryColumn({ name: 'advice_reference', type: 'text', primaryKeyConstraintName: 'PK_rvo_self_employed_score' })
  adviceReference!: string;

  @Column({ name: 'outcome', type: 'text' })
  outcome!: string;

  @Column({ name: 'variant', type: 'text', nullable: true })
  variant!: string | null;

  @Column({ name: 'exemption_route', type: 'text', nullable: true })
  exemptionRoute!: string | null;

  @Column({ name: 'points', type: 'jsonb', nullable: true })
  points!: Record<string, number> | null;

  @Column({ name: 'total', type: 'integer', nullable: true })
  total!: number | null;

  @Column({ name: 'findings', type: 'text', array: true })
  findings!: string[];

  @Column({ name: 'rule_version', type: 'text' })
  ruleVersion!: string;

  @Column({ name: 'scored_on', type: 'char', length: 10 })
  scoredOn!: string;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;

  @Column({ name: 'applicant_pseudonym', type: 'text', nullable: true })
  applicantPseudonym!: string | null;

  @Column({ name: 'evidence_id', type: 'uuid', nullable: true })
  evidenceId!: string | null;

  @Column({ name: 'content_sha256', type: 'char', length: 64, nullable: true })
  contentSha256!: string | null;

  @Column({ name: 'schema_version', type: 'integer', nullable: true })
  schemaVersion!: number | null;
}
