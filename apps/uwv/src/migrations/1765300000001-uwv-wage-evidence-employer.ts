import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The employer a wage fact rests on (the sponsor the IND named in its question), so the revocation sweep reads the
 * same employer's declarations. NULL for facts issued before, and for questions naming no employer: any employer's.
 */
export class UwvWageEvidenceEmployer1765300000001 implements MigrationInterface {
  name = 'UwvWageEvidenceEmployer1765300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "uwv_wage_evidence" ADD "employer_oin" char(20)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "uwv_wage_evidence" DROP COLUMN "employer_oin"`);
  }
}
