import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, leak 3: evidence gets a salted commitment (SHA-256 of a 32-byte random salt and the canonical
 * payload) that replaces the unsalted content hash everywhere outside the vault. Evidence stored earlier gets
 * its salt here: 32 bytes from two gen_random_uuid() values (PostgreSQL's strong random source; 244 random
 * bits, far beyond any brute force), and its commitment from sha256() over the same bytes as the hub computes.
 */
export class EvidenceContentCommitment1765300000000 implements MigrationInterface {
  name = 'EvidenceContentCommitment1765300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" ADD "commitment_salt" bytea`);
    await queryRunner.query(`ALTER TABLE "evidence" ADD "content_commitment" character(64)`);
    await queryRunner.query(
      `UPDATE "evidence" SET "commitment_salt" = decode(replace(gen_random_uuid()::text || gen_random_uuid()::text, '-', ''), 'hex')`,
    );
    await queryRunner.query(`UPDATE "evidence" SET "content_commitment" = encode(sha256("commitment_salt" || "payload"), 'hex')`);
    await queryRunner.query(`ALTER TABLE "evidence" ALTER COLUMN "commitment_salt" SET NOT NULL`);
    await queryRunner.query(`ALTER TABLE "evidence" ALTER COLUMN "content_commitment" SET NOT NULL`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "evidence" DROP COLUMN "content_commitment"`);
    await queryRunner.query(`ALTER TABLE "evidence" DROP COLUMN "commitment_salt"`);
  }
}
