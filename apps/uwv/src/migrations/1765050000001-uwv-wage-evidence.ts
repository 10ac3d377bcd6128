import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The wage facts UWV issued to the hub, so it can revoke one when a later declaration no longer meets it. */
export class UwvWageEvidence1765050000001 implements MigrationInterface {
  name = 'UwvWageEvidence1765050000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "uwv_wage_evidence" (
        "source_reference" text NOT NULL,
        "evidence_id" text NOT NULL,
        "employee_key" text NOT NULL,
        "criterion" text NOT NULL,
        "reference_date" char(10) NOT NULL,
        "table_version" text NOT NULL,
        "meets_threshold" boolean NOT NULL,
        "issued_at" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        "revocation_reason" text,
        CONSTRAINT "PK_uwv_wage_evidence" PRIMARY KEY ("source_reference")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_uwv_wage_evidence_standing" ON "uwv_wage_evidence" ("employee_key") WHERE "meets_threshold" AND "revoked_at" IS NULL`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "uwv_wage_evidence"`);
  }
}
