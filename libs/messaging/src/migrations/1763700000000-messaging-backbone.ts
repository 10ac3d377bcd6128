import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox, the consumer inbox and the dead-letter replay log, in every service database.
 * Its timestamp sorts before any app migration, so an app migration may already rely on these tables.
 */
export class MessagingBackbone1763700000000 implements MigrationInterface {
  name = 'MessagingBackbone1763700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE "messaging_outbox" (
        "id" BIGSERIAL NOT NULL,
        "event_id" uuid NOT NULL,
        "topic" text NOT NULL,
        "message_key" text NOT NULL,
        "headers" text NOT NULL,
        "payload" bytea NOT NULL,
        "enqueued_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_messaging_outbox" PRIMARY KEY ("id")
      )`);
    // Rows live for milliseconds and each carries a ~1 kB certificate in its signature header: trying to
    // compress them costs more than it saves.
    await queryRunner.query('ALTER TABLE "messaging_outbox" ALTER COLUMN "headers" SET STORAGE EXTERNAL');
    await queryRunner.query(`CREATE TABLE "messaging_inbox" (
        "consumer_group" text NOT NULL,
        "event_id" uuid NOT NULL,
        "topic" text NOT NULL,
        "partition" integer NOT NULL,
        "offset" bigint NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_messaging_inbox" PRIMARY KEY ("consumer_group", "event_id")
      )`);
    await queryRunner.query(`CREATE TABLE "messaging_dead_letter_replay" (
        "id" BIGSERIAL NOT NULL,
        "dead_letter_topic" text NOT NULL,
        "dead_letter_partition" integer NOT NULL,
        "dead_letter_offset" bigint NOT NULL,
        "source_topic" text NOT NULL,
        "event_id" text,
        "error_class" text NOT NULL,
        "replayed_partition" integer NOT NULL,
        "replayed_offset" bigint NOT NULL,
        "replayed_by" text NOT NULL,
        "replayed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
        CONSTRAINT "PK_messaging_dead_letter_replay" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_messaging_dead_letter_replay_record" ON "messaging_dead_letter_replay"
         ("dead_letter_topic", "dead_letter_partition", "dead_letter_offset")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "messaging_dead_letter_replay"');
    await queryRunner.query('DROP TABLE "messaging_inbox"');
    await queryRunner.query('DROP TABLE "messaging_outbox"');
  }
}
