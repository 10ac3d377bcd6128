import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, leak 3: the hub answers with a salted commitment to each piece of evidence, and the university
 * names revoked evidence by it in its reports to the IND (which travel over Kafka) instead of the unsalted
 * content hash. Evidence pushed earlier has no commitment on record: '' until it is pushed again.
 */
export class PushedEvidenceCommitment1765300000001 implements MigrationInterface {
  name = 'PushedEvidenceCommitment1765300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "university_pushed_evidence" ADD "content_commitment" character varying(64) NOT NULL DEFAULT ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "university_pushed_evidence" DROP COLUMN "content_commitment"`);
  }
}
