import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where the residence document is collected (an IND desk or expat centre code); '' for the cases filed before. */
export class IndCollectionPoint1765150000000 implements MigrationInterface {
  name = 'IndCollectionPoint1765150000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ind_application" ADD COLUMN "collection_point" text NOT NULL DEFAULT ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "ind_application" DROP COLUMN "collection_point"`);
  }
}
