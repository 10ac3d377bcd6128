import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One advice on an essential employee (table rvo_essential_employee_advice). */
@Entity({ name: 'rvo_essential_employee_advice' })
@Index('IDX_rvo_essential_employee_advice_start_up', ['startUpKvkNumber'])
export class EssentialEmployeeAdviceEntity {
  @PrimaryColumn({ name: 'advice_reference', type: 'text', primaryKeyConstraintName: 'PK_rvo_essential_employee_advice' })
  adviceReference!: string;

  @Column({ name: 'start_up_kvk_number', type: 'char', length: 8 })
  startUpKvkNumber!: string;

  @Column({ name: 'outcome', type: 'text' })
  outcome!: string;

  @Column({ name: 'reason_codes', type: 'text', array: true })
  reasonCodes!: string[];

  @Column({ name: 'rule_version', type: 'text' })
  ruleVersion!: string;

  @Column({ name: 'received_on', type: 'char', length: 10 })
  receivedOn!: string;

  @Column({ name: 'residence_scheme_until', type: 'char', length: 10, nullable: true })
  residenceSchemeUntil!: string | null;

  @Column({ name: 'start_up_permits_counted', type: 'integer' })
  startUpPermitsCounted!: number;

  @Column({ name: 'recorded_at', type: 'timestamptz' })
  recordedAt!: Date;
}
