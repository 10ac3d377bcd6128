import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * When the hub first showed a pending request's subject identifier to its routed source (issue 13): that first
 * disclosure is audited, the source's later polls of the same request are not (they disclose nothing new to anyone).
 */
export class EvidenceRequestIdentifierDisclosed1765350000000 implements MigrationInterface {
  name = 'EvidenceRequestIdentifierDisclosed1765350000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_request" ADD "identifier_disclosed_at" TIMESTAMP WITH TIME ZONE`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence_request" DROP COLUMN "identifier_disclosed_at"`);
  }
}
