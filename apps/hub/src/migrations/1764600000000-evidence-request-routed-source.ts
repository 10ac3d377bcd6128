import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A pending request is routed to one source: only that source lists it (and sees whom it is about) and only
 * its evidence completes it. NULL is an unrouted request, which no source lists.
 */
export class EvidenceRequestRoutedSource1764600000000 implements MigrationInterface {
  name = 'EvidenceRequestRoutedSource1764600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_request" ADD "routed_source_oin" character(20)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_evidence_request_pending_routed" ON "evidence_request" ("routed_source_oin", "deadline")
       WHERE "status" = 'PENDING'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_evidence_request_pending_routed"`);
    await queryRunner.query(`ALTER TABLE "evidence_request" DROP COLUMN "routed_source_oin"`);
  }
}
