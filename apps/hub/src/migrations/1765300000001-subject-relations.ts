import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, leak 4: relations between parties and subjects that the hub knows from checked facts (a
 * sponsorship from the IND's signed status events), and the relation a grant requires (NULL: none).
 */
export class SubjectRelations1765300000001 implements MigrationInterface {
  name = 'SubjectRelations1765300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subject_relation" (
        "id" uuid NOT NULL,
        "kind" text NOT NULL,
        "party_oin" character(20) NOT NULL,
        "subject_pseudonym" text NOT NULL,
        "case_reference" text NOT NULL,
        "established_by" character(20) NOT NULL,
        "established_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "ended_at" TIMESTAMP WITH TIME ZONE,
        "end_reason" text,
        CONSTRAINT "UQ_subject_relation" UNIQUE ("kind", "party_oin", "subject_pseudonym", "case_reference"),
        CONSTRAINT "PK_subject_relation" PRIMARY KEY ("id")
      )`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_subject_relation_party_subject" ON "subject_relation" ("party_oin", "subject_pseudonym")`);
    await queryRunner.query(`ALTER TABLE "evidence_grant" ADD "required_relation" text`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_grant" DROP COLUMN "required_relation"`);
    await queryRunner.query(`DROP TABLE "subject_relation"`);
  }
}
