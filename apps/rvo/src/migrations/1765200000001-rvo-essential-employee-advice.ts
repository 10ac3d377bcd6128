import type { MigrationInterface, QueryRunner } from 'typeorm';

/** RVO's advices on essential start-up personnel: what it counts a start-up's permits (at most 5) from. */
export class RvoEssentialEmployeeAdvice1765200000001 implements MigrationInterface {
  name = 'RvoEssentialEmployeeAdvice1765200000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rvo_essential_employee_advice" (
        "advice_reference" text NOT NULL,
        "start_up_kvk_number" char(8) NOT NULL,
        "outcome" text NOT NULL,
        "reason_codes" text array NOT NULL,
        "rule_version" text NOT NULL,
        "received_on" char(10) NOT NULL,
        "residence_scheme_until" char(10),
        "start_up_permits_counted" integer NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        CONSTRAINT "PK_rvo_essential_employee_advice" PRIMARY KEY ("advice_reference")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_rvo_essential_employee_advice_start_up" ON "rvo_essential_employee_advice" ("start_up_kvk_number")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rvo_essential_employee_advice"`);
  }
}
