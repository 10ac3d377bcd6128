import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The requester's question to the source of a derived fact (criterion, reference date, table version), kept
 * with the pending request and shown only to the source it is routed to. NULL: no question.
 */
export class EvidenceRequestQuestion1765050000002 implements MigrationInterface {
  name = 'EvidenceRequestQuestion1765050000002';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_request" ADD "question" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_request" DROP COLUMN "question"`);
  }
}
