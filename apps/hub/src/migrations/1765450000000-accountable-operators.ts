import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: operators are people. Audit entries name the operator in person (NULL for what a party or the hub
 * itself did); grants are proposed by one operator and approved by a second, and apply only once approved.
 * Grants that existed before were in force under the earlier rules, so they count as approved when made.
 * Verifications remember the latest signed checkpoint they found the chain intact up to, for incremental runs.
 */
export class AccountableOperators1765450000000 implements MigrationInterface {
  name = 'AccountableOperators1765450000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "audit_entry" ADD "actor_operator" text`);
    await queryRunner.query(`ALTER TABLE "evidence_grant" ADD "proposed_by" text`);
    await queryRunner.query(`ALTER TABLE "evidence_grant" ADD "approved_at" TIMESTAMP WITH TIME ZONE`);
    await queryRunner.query(`ALTER TABLE "evidence_grant" ADD "approved_by" text`);
    await queryRunner.query(`UPDATE "evidence_grant" SET "approved_at" = "created_at"`);
    await queryRunner.query(
      `CREATE TABLE "audit_verification" (
        "id" BIGSERIAL NOT NULL,
        "checkpoint_sequence" bigint NOT NULL,
        "checkpoint_hash" character(64) NOT NULL,
        "verified_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "verified_by" text NOT NULL,
        CONSTRAINT "PK_audit_verification" PRIMARY KEY ("id")
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_verification"`);
    await queryRunner.query(`ALTER TABLE "evidence_grant" DROP COLUMN "approved_by"`);
    await queryRunner.query(`ALTER TABLE "evidence_grant" DROP COLUMN "approved_at"`);
    await queryRunner.query(`ALTER TABLE "evidence_grant" DROP COLUMN "proposed_by"`);
    await queryRunner.query(`ALTER TABLE "audit_entry" DROP COLUMN "actor_operator"`);
  }
}
