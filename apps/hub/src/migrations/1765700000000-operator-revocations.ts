import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: operator revocations, kept by the hub so they take effect at once and survive restarts. One row per
 * revoked operator (a revocation is final), insert-only for the service role like the audit trail: no one acting
 * as the hub can quietly reinstate an operator.
 */
export class OperatorRevocations1765700000000 implements MigrationInterface {
  name = 'OperatorRevocations1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "operator_revocation" (
        "operator_id" text NOT NULL,
        "revoked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "revoked_by" text NOT NULL,
        "reason" text NOT NULL,
        "audit_sequence" bigint NOT NULL,
        CONSTRAINT "PK_operator_revocation" PRIMARY KEY ("operator_id"),
        CONSTRAINT "CHK_operator_revocation_not_self" CHECK ("revoked_by" <> "operator_id")
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "operator_revocation"`);
  }
}
