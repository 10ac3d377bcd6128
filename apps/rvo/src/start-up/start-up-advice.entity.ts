import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One advice on a start-up, as issued to the hub (table rvo_start_up_advice). */
@Entity({ name: 'rvo_start_up_advice' })
export class StartUpAdviceEntity {
  @PrimaryColumn({ name: 'advice_reference', type: 'text', primaryKeyConstraintName: 'PK_rvo_start_up_advice' })
  adviceReference!: string;

  @Column({ name: 'outcome', type: 'text' })
  outcome!: string;

  @Column({ name: 'reason_codes', type: 'text', array: true })
  reasonCodes!: string[];

  @Column({ name: 'innovation_tests_met', type: 'text', array: true })
  innovationTestsMet!: string[];

  @Column({ name: 'rule_version', type: 'text' })
  ruleVersion!: string;

  @Column({ name: 'assessed_on', type: 'char', length: 10 })
  assessedOn!: string;

  @Column({ name: 'facilitator_kvk_number', type: 'char', length: 8 })
  facilitatorKvkNumber!: string;

  @Column({ name: 'founder_pseudonym', type: 'text' })
  founderPseudonym!: string;

  @Column({ name: 'evidence_id', type: 'uuid' })
  evidenceId!: string;

  @Column({ name: 'content_sha256', type: 'char', length: 64 })
  contentSha256!: string;

  @Column({ name: 'schema_version', type: 'integer' })
  schemaVersion!: number;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
