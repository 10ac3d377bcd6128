import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PartiesAndConnectors1763800000000 implements MigrationInterface {
  name = 'PartiesAndConnectors1763800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "party" (
        "oin" char(20) NOT NULL,
        "name" text NOT NULL,
        "roles" text array NOT NULL,
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_party" PRIMARY KEY ("oin")
      )`);
    await queryRunner.query(`
      CREATE TABLE "connector" (
        "party_oin" char(20) NOT NULL,
        "service" text NOT NULL,
        "version" text NOT NULL,
        "grpc_address" text NOT NULL,
        "started_at" timestamptz NOT NULL,
        "last_event_id" uuid NOT NULL,
        CONSTRAINT "PK_connector" PRIMARY KEY ("party_oin", "service")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "connector"');
    await queryRunner.query('DROP TABLE "party"');
  }
}
