import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The day an MVV holder entered the Netherlands, from the consular service: the residence permit follows it. */
export class IndMvvEntry1765100000001 implements MigrationInterface {
  name = 'IndMvvEntry1765100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ind_application" ADD COLUMN "mvv_entered_on" char(10)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ind_application" DROP COLUMN "mvv_entered_on"`);
  }
}
