import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Where the arrival collects the residence document (the IND's collection point code); '' for legs opened before. */
export class ConsularCollectionPoint1765150000001 implements MigrationInterface {
  name = 'ConsularCollectionPoint1765150000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consular_mvv_case" ADD COLUMN "collection_point" text NOT NULL DEFAULT ''`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "consular_mvv_case" DROP COLUMN "collection_point"`);
  }
}
