import type { MigrationInterface, QueryRunner } from 'typeorm';

/** RVO's memory of the start-up advice it issued to the hub: outcome, grounds, rule version, evidence reference. */
export class RvoStartUpAdvice1765200000000 implements MigrationInterface {
  name = 'RvoStartUpAdvice1765200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rvo_start_up_advice" (
        "advice_reference" text NOT NULL,
        "outcome" text NOT NULL,
        "reason_codes" text array NOT NULL,
        "innovation_tests_met" text array NOT NULL,
        "rule_version" text NOT NULL,
        "assessed_on" char(10) NOT NULL,
        "facilitator_kvk_number" char(8) NOT NULL,
        "founder_pseudonym" text NOT NULL,
        "evidence_id" uuid NOT NULL,
        "content_sha256" char(64) NOT NULL,
        "schema_version" integer NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        CONSTRAINT "PK_rvo_start_up_advice" PRIMARY KEY ("advice_reference")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rvo_start_up_advice"`);
  }
}
