import type { MigrationInterface, QueryRunner } from 'typeorm';

/** RVO's facilitator register and its append-only, hash-chained change log. */
export class RvoFacilitatorRegister1765200000004 implements MigrationInterface {
  name = 'RvoFacilitatorRegister1765200000004';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rvo_facilitator" (
        "kvk_number" char(8) NOT NULL,
        "name" text NOT NULL,
        "registered_in_kvk" boolean NOT NULL,
        "has_start_up_guidance_experience" boolean NOT NULL,
        "bankrupt" boolean NOT NULL,
        "negative_equity" boolean NOT NULL,
        CONSTRAINT "PK_rvo_facilitator" PRIMARY KEY ("kvk_number")
      )`);
    await queryRunner.query(`
      CREATE TABLE "rvo_facilitator_change" (
        "sequence" BIGSERIAL NOT NULL,
        "kvk_number" char(8) NOT NULL,
        "changed_by_oin" char(20) NOT NULL,
        "operator" text NOT NULL,
        "changed_at" timestamptz NOT NULL,
        "before" jsonb,
        "after" jsonb NOT NULL,
        "reason" text NOT NULL,
        "previous_hash" char(64) NOT NULL,
        "hash" char(64) NOT NULL,
        CONSTRAINT "PK_rvo_facilitator_change" PRIMARY KEY ("sequence")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rvo_facilitator_change"`);
    await queryRunner.query(`DROP TABLE "rvo_facilitator"`);
  }
}
