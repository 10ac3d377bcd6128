import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 15: who carried the filing (a sponsor, or a filing channel for an applicant who applies himself), and a
 * family member's link to the main application it is decided together with.
 */
export class IndSelfApplicantsAndFamilies1765400000000 implements MigrationInterface {
  name = 'IndSelfApplicantsAndFamilies1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ind_application" ADD "filing_route" text NOT NULL DEFAULT 'SPONSOR'`);
    await queryRunner.query(`ALTER TABLE "ind_application" ADD "family_member" jsonb`);
    await queryRunner.query(`ALTER TABLE "ind_application" ADD "main_application_id" uuid`);
    await queryRunner.query(`CREATE INDEX "IDX_ind_application_main_application" ON "ind_application" ("main_application_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "IDX_ind_application_main_application"`);
    await queryRunner.query(`ALTER TABLE "ind_application" DROP COLUMN "main_application_id"`);
    await queryRunner.query(`ALTER TABLE "ind_application" DROP COLUMN "family_member"`);
    await queryRunner.query(`ALTER TABLE "ind_application" DROP COLUMN "filing_route"`);
  }
}
