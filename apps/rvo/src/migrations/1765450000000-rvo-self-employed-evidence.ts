import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A self-employed score is issued to the hub as SELF_EMPLOYED_POINTS_ASSESSMENT evidence (issue 15): RVO keeps where
 * the hub holds it and the applicant's pseudonym. Nullable: scores recorded before were never issued.
 */
export class RvoSelfEmployedEvidence1765450000000 implements MigrationInterface {
  name = 'RvoSelfEmployedEvidence1765450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "rvo_self_employed_score"
        ADD COLUMN "applicant_pseudonym" text,
        ADD COLUMN "evidence_id" uuid,
        ADD COLUMN "content_sha256" char(64),
        ADD COLUMN "schema_version" integer`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE "rvo_self_employed_score"
        DROP COLUMN "schema_version",
        DROP COLUMN "content_sha256",
        DROP COLUMN "evidence_id",
        DROP COLUMN "applicant_pseudonym"`);
  }
}
