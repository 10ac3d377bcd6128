import type { MigrationInterface, QueryRunner } from 'typeorm';

/** RVO's relocation referrals: one per IND application, counted per centre and arrival month. */
export class RvoRelocationReferral1765250000000 implements MigrationInterface {
  name = 'RvoRelocationReferral1765250000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rvo_relocation_referral" (
        "referral_id" uuid NOT NULL,
        "application_ref" text NOT NULL,
        "subject_pseudonym" text NOT NULL,
        "category" text NOT NULL,
        "sponsor_oin" text NOT NULL,
        "arrival_date" date NOT NULL,
        "centre_code" text NOT NULL,
        "centre_name" text NOT NULL,
        "basis" text NOT NULL,
        "centre_table_version" text NOT NULL,
        "trigger" text NOT NULL,
        "referred_at" timestamptz NOT NULL,
        CONSTRAINT "PK_rvo_relocation_referral" PRIMARY KEY ("referral_id")
      )`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_rvo_relocation_referral_application" ON "rvo_relocation_referral" ("application_ref")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_rvo_relocation_referral_centre_arrival" ON "rvo_relocation_referral" ("centre_code", "arrival_date")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rvo_relocation_referral"`);
  }
}
