import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The consular service's memory: one row per application's MVV leg, from the IND's authorisation to entry or
 * expiry. The indexes serve the slot counts per post and day, and the expiry sweep.
 */
export class ConsularMvvCases1765100000000 implements MigrationInterface {
  name = 'ConsularMvvCases1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "consular_mvv_case" (
        "application_ref" uuid NOT NULL,
        "subject_pseudonym" text NOT NULL,
        "citizenship" char(2) NOT NULL,
        "stage" text NOT NULL,
        "notified_on" char(10) NOT NULL,
        "appear_by" char(10) NOT NULL,
        "chosen_post" text,
        "first_post" text,
        "post" text,
        "appointment_on" char(10),
        "first_post_waiting_days" integer,
        "reroutes" jsonb NOT NULL,
        "captured_on" char(10),
        "biometrics_evidence_id" text,
        "issued_on" char(10),
        "enter_by" char(10),
        "visa_sticker_number" text,
        "entered_on" char(10),
        "expiry_reason" text,
        "expired_on" char(10),
        "reference_versions" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_consular_mvv_case" PRIMARY KEY ("application_ref")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_consular_mvv_case_slot" ON "consular_mvv_case" ("post", "appointment_on")`);
    await queryRunner.query(`CREATE INDEX "IDX_consular_mvv_case_stage" ON "consular_mvv_case" ("stage")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "consular_mvv_case"`);
  }
}
