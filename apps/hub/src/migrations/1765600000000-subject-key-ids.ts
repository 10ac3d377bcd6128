import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12, keys with ids. A sealed identifier names the key that sealed it, so the sealing key can rotate (rows
 * under an old key are re-sealed in the background) and a row under a key the hub does not hold is found at start.
 * Rows sealed before this migration keep NULL until the hub, holding the key they were sealed under, fills it in.
 * `subject_key_binding` records which pseudonym key made this database's pseudonyms: they are stable references
 * on Kafka and cannot be re-keyed, so a hub started with another pseudonym key must not start at all.
 */
export class SubjectKeyIds1765600000000 implements MigrationInterface {
  name = 'SubjectKeyIds1765600000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "subject_identifier" ADD "sealing_key_id" text`);
    await queryRunner.query(`CREATE INDEX "IDX_subject_identifier_sealing_key" ON "subject_identifier" ("sealing_key_id")`);
    await queryRunner.query(
      `CREATE TABLE "subject_key_binding" (
        "purpose" text NOT NULL,
        "key_id" text NOT NULL,
        "bound_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_subject_key_binding" PRIMARY KEY ("purpose")
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "subject_key_binding"');
    await queryRunner.query('DROP INDEX "IDX_subject_identifier_sealing_key"');
    await queryRunner.query('ALTER TABLE "subject_identifier" DROP COLUMN "sealing_key_id"');
  }
}
