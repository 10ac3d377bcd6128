import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where the person will be received, as filed (issue 15): passed on in the status events for RVO's relocation referral. */
export class IndArrivalFacts1765250000001 implements MigrationInterface {
  name = 'IndArrivalFacts1765250000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ind_application" ADD "arrival" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ind_application" DROP COLUMN "arrival"`);
  }
}
