import { Column, Entity, Index, PrimaryColumn, Unique } from 'typeorm';

/** A TWV application or GVVA advice request (table uwv_labour_market_case). */
@Entity({ name: 'uwv_labour_market_case' })
@Unique('UQ_uwv_labour_market_case_reference', ['kind', 'employerOin', 'caseReference'])
// Partial indexes as the migration writes them: the at-risk sweep's and the vacancy's pending cases.
@Index('IDX_uwv_labour_market_case_watch', ['termEndsOn'], { where: `"outcome" = 'PENDING' AND "at_risk_raised_at" IS NULL` })
@Index('IDX_uwv_labour_market_case_vacancy', ['employerOin', 'vacancyReference'], { where: `"outcome" = 'PENDING'` })
export class LabourMarketCaseEntity {
  @PrimaryColumn({ name: 'case_id', type: 'uuid', primaryKeyConstraintName: 'PK_uwv_labour_market_case' })
  caseId!: string;

  @Column({ name: 'kind', type: 'text' })
  kind!: string;

  @Column({ name: 'employer_oin', type: 'char', length: 20 })
  employerOin!: string;

  @Column({ name: 'case_reference', type: 'text' })
  caseReference!: string;

  @Column({ name: 'subject_key', type: 'text' })
  subjectKey!: string;

  @Column({ name: 'situation', type: 'text' })
  situation!: string;

  @Column({ name: 'work_starts_on', type: 'char', length: 10 })
  workStartsOn!: string;

  @Column({ name: 'hours_per_week', type: 'integer' })
  hoursPerWeek!: number;

  @Column({ name: 'vacancy_reference', type: 'text' })
  vacancyReference!: string;

  @Column({ name: 'received_on', type: 'char', length: 10 })
  receivedOn!: string;

  @Column({ name: 'term_ends_on', type: 'char', length: 10 })
  termEndsOn!: string;

  @Column({ name: 'outcome', type: 'text' })
  outcome!: string;

  @Column({ name: 'reasons', type: 'text', array: true })
  reasons!: string[];

  @Column({ name: 'decided_on', type: 'char', length: 10, nullable: true })
  decidedOn!: string | null;

  @Column({ name: 'rule_version', type: 'text' })
  ruleVersion!: string;

  @Column({ name: 'exemption_source', type: 'text' })
  exemptionSource!: string;

  @Column({ name: 'at_risk_raised_at', type: 'timestamptz', nullable: true })
  atRiskRaisedAt!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}

/** A vacancy an employer reported (table uwv_vacancy_report), with the outcome of UWV's priority-supply search. */
@Entity({ name: 'uwv_vacancy_report' })
export class VacancyReportEntity {
  @PrimaryColumn({ name: 'employer_oin', type: 'char', length: 20, primaryKeyConstraintName: 'PK_uwv_vacancy_report' })
  employerOin!: string;

  @PrimaryColumn({ name: 'vacancy_reference', type: 'text', primaryKeyConstraintName: 'PK_uwv_vacancy_report' })
  vacancyReference!: string;

  @Column({ name: 'reported_on', type: 'char', length: 10 })
  reportedOn!: string;

  @Column({ name: 'suitable_candidates', type: 'integer', nullable: true })
  suitableCandidates!: number | null;

  @Column({ name: 'outcome_recorded_at', type: 'timestamptz', nullable: true })
  outcomeRecordedAt!: Date | null;
}
