import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Knowledge migrants (issue 13): the filed details that select and test the income criterion on the case, and
 * the criterion a decision rested on (category, amount, reference date, threshold table version). Both stay
 * null for study and research.
 */
export class IndKnowledgeMigrants1765000000000 implements MigrationInterface {
  name = 'IndKnowledgeMigrants1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ind_application" ADD "knowledge_migrant" jsonb`);
    await queryRunner.query(`ALTER TABLE "ind_decision" ADD "salary_assessment" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ind_decision" DROP COLUMN "salary_assessment"`);
    await queryRunner.query(`ALTER TABLE "ind_application" DROP COLUMN "knowledge_migrant"`);
  }
}
