import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Work-permit (TWV) cases and GVVA advice requests, one table since UWV judges both on the same rules and watches
 * both against the same 5-week term; and the vacancies employers report, with the outcome of the priority-supply
 * search.
 */
export class UwvWorkPermits1765300000000 implements MigrationInterface {
  name = 'UwvWorkPermits1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "uwv_vacancy_report" (
        "employer_oin" char(20) NOT NULL,
        "vacancy_reference" text NOT NULL,
        "reported_on" char(10) NOT NULL,
        "suitable_candidates" integer,
        "outcome_recorded_at" timestamptz,
        CONSTRAINT "PK_uwv_vacancy_report" PRIMARY KEY ("employer_oin", "vacancy_reference")
      )`);
    await queryRunner.query(`
      CREATE TABLE "uwv_labour_market_case" (
        "case_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "employer_oin" char(20) NOT NULL,
        "case_reference" text NOT NULL,
        "subject_key" text NOT NULL,
        "situation" text NOT NULL,
        "work_starts_on" char(10) NOT NULL,
        "hours_per_week" integer NOT NULL,
        "vacancy_reference" text NOT NULL,
        "received_on" char(10) NOT NULL,
        "term_ends_on" char(10) NOT NULL,
        "outcome" text NOT NULL,
        "reasons" text array NOT NULL,
        "decided_on" char(10),
        "rule_version" text NOT NULL,
        "exemption_source" text NOT NULL,
        "at_risk_raised_at" timestamptz,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_uwv_labour_market_case" PRIMARY KEY ("case_id"),
        CONSTRAINT "UQ_uwv_labour_market_case_reference" UNIQUE ("kind", "employer_oin", "case_reference")
      )`);
    // The at-risk sweep reads the pending cases it has not raised yet.
    await queryRunner.query(
      `CREATE INDEX "IDX_uwv_labour_market_case_watch" ON "uwv_labour_market_case" ("term_ends_on") WHERE "outcome" = 'PENDING' AND "at_risk_raised_at" IS NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_uwv_labour_market_case_vacancy" ON "uwv_labour_market_case" ("employer_oin", "vacancy_reference") WHERE "outcome" = 'PENDING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "uwv_labour_market_case"`);
    await queryRunner.query(`DROP TABLE "uwv_vacancy_report"`);
  }
}
