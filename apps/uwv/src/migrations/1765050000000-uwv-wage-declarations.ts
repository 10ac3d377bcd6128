import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Employers' wage declarations: the salaries UWV holds and no other party sees. */
export class UwvWageDeclarations1765050000000 implements MigrationInterface {
  name = 'UwvWageDeclarations1765050000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "uwv_wage_declaration" (
        "employer_oin" char(20) NOT NULL,
        "declaration_reference" text NOT NULL,
        "employee_key" text NOT NULL,
        "period_start" char(10) NOT NULL,
        "gross_monthly_salary_cents" bigint NOT NULL,
        "employment_ended_on" char(10),
        "imported_at" timestamptz NOT NULL,
        CONSTRAINT "PK_uwv_wage_declaration" PRIMARY KEY ("employer_oin", "declaration_reference")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_uwv_wage_declaration_employee" ON "uwv_wage_declaration" ("employee_key")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "uwv_wage_declaration"`);
  }
}
