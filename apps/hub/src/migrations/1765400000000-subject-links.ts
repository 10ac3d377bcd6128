import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 11, leak 6: identity links. A link makes one pseudonym (the member) resolve to another (the subject);
 * at most one active link per member. `moved` keeps what the link moved to the subject, so an unlink moves it back.
 */
export class SubjectLinks1765400000000 implements MigrationInterface {
  name = 'SubjectLinks1765400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "subject_link" (
        "id" uuid NOT NULL,
        "member_pseudonym" text NOT NULL,
        "subject_pseudonym" text NOT NULL,
        "identifier_kind" text NOT NULL,
        "identifier_pseudonym" text NOT NULL,
        "case_reference" text NOT NULL,
        "linked_by" character(20) NOT NULL,
        "linked_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "moved" jsonb NOT NULL,
        "unlinked_by" character(20),
        "unlinked_at" TIMESTAMP WITH TIME ZONE,
        "unlink_reason" text,
        CONSTRAINT "PK_subject_link" PRIMARY KEY ("id")
      )`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_subject_link_active_member" ON "subject_link" ("member_pseudonym") WHERE unlinked_at IS NULL`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_subject_link_subject" ON "subject_link" ("subject_pseudonym")`);
    await queryRunner.query(`CREATE INDEX "IDX_subject_link_identifier" ON "subject_link" ("identifier_pseudonym")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "subject_link"`);
  }
}
