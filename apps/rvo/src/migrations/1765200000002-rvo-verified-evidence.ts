import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which evidence the hub holds about a pseudonymous person: guidance marks those steps "already verified". */
export class RvoVerifiedEvidence1765200000002 implements MigrationInterface {
  name = 'RvoVerifiedEvidence1765200000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rvo_verified_evidence" (
        "evidence_id" uuid NOT NULL,
        "subject_pseudonym" text NOT NULL,
        "evidence_type" text NOT NULL,
        "valid_until" timestamptz,
        CONSTRAINT "PK_rvo_verified_evidence" PRIMARY KEY ("evidence_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_rvo_verified_evidence_subject" ON "rvo_verified_evidence" ("subject_pseudonym")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rvo_verified_evidence"`);
  }
}
