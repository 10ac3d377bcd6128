import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A single-permit (GVVA) case's request for UWV's labour-market advice, and the advice (table ind_labour_market_advice). */
@Entity({ name: 'ind_labour_market_advice' })
export class LabourMarketAdviceEntity {
  @PrimaryColumn({ name: 'application_ref', type: 'text', primaryKeyConstraintName: 'PK_ind_labour_market_advice' })
  applicationRef!: string;

  @Column({ name: 'subject_pseudonym', type: 'text' })
  subjectPseudonym!: string;

  @Column({ name: 'employer_oin', type: 'char', length: 20 })
  employerOin!: string;

  @Column({ name: 'situation', type: 'text' })
  situation!: string;

  @Column({ name: 'vacancy_reference', type: 'text' })
  vacancyReference!: string;

  @Column({ name: 'requested_on', type: 'char', length: 10 })
  requestedOn!: string;

  @Column({ name: 'requested_at', type: 'timestamptz' })
  requestedAt!: Date;

  /** Null until UWV advised. */
  @Column({ name: 'outcome', type: 'text', nullable: true })
  outcome!: string | null;

  @Column({ name: 'reasons', type: 'text', array: true })
  reasons!: string[];

  @Column({ name: 'exempt', type: 'boolean', nullable: true })
  exempt!: boolean | null;

  @Column({ name: 'advised_on', type: 'char', length: 10, nullable: true })
  advisedOn!: string | null;

  @Column({ name: 'rule_version', type: 'text', nullable: true })
  ruleVersion!: string | null;

  @Column({ name: 'advised_at', type: 'timestamptz', nullable: true })
  advisedAt!: Date | null;
}
