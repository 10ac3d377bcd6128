import { Column, Entity, Index, PrimaryColumn } from 'typeorm';

/** One wage declaration (table uwv_wage_declaration): the salary is held here and nowhere else in the chain. */
@Entity({ name: 'uwv_wage_declaration' })
@Index('IDX_uwv_wage_declaration_employee', ['employeeKey'])
export class WageDeclarationEntity {
  @PrimaryColumn({ name: 'employer_oin', type: 'char', length: 20, primaryKeyConstraintName: 'PK_uwv_wage_declaration' })
  employerOin!: string;

  @PrimaryColumn({ name: 'declaration_reference', type: 'text', primaryKeyConstraintName: 'PK_uwv_wage_declaration' })
  declarationReference!: string;

  @Column({ name: 'employee_key', type: 'text' })
  employeeKey!: string;

  @Column({ name: 'period_start', type: 'char', length: 10 })
  periodStart!: string;

  @Column({ name: 'gross_monthly_salary_cents', type: 'bigint' })
  grossMonthlySalaryCents!: string;

  @Column({ name: 'employment_ended_on', type: 'char', length: 10, nullable: true })
  employmentEndedOn!: string | null;

  @Column({ name: 'imported_at', type: 'timestamptz' })
  importedAt!: Date;
}
