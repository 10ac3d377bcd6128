import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The feed's per-application facts and what the compacted feed topic was last sent per series. */
export class TalentFeedState1764200000000 implements MigrationInterface {
  name = 'TalentFeedState1764200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "application_fact" (
        "application_id" text NOT NULL,
        "category" text NOT NULL,
        "citizenship" char(2) NOT NULL,
        "sponsor_type" text NOT NULL,
        "submitted_on" date NOT NULL,
        "decided_on" date,
        "decision" text,
        "last_event_id" uuid NOT NULL,
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_application_fact" PRIMARY KEY ("application_id")
      )`);
    await queryRunner.query(`
      CREATE TABLE "published_feed_series" (
        "series_id" text NOT NULL,
        "payload" bytea NOT NULL,
        "published_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_published_feed_series" PRIMARY KEY ("series_id")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "published_feed_series"');
    await queryRunner.query('DROP TABLE "application_fact"');
  }
}
