import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A party's own record of the hub checkpoints it countersigned, and the alarms it raised about checkpoints it
 * refused (a rewind or a fork). Both are insert-only for the service role (PARTY_AUDIT_TABLES).
 */
export class PartyAuditCountersigning1765700000000 implements MigrationInterface {
  name = 'PartyAuditCountersigning1765700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "party_audit_countersignature" (
        "hub_oin" text NOT NULL,
        "chain_id" text NOT NULL,
        "sequence" bigint NOT NULL,
        "entry_hash" text NOT NULL,
        "checkpoint_taken_at" timestamptz NOT NULL,
        "countersigned_at" timestamptz NOT NULL,
        "checkpoint_event_id" text NOT NULL,
        CONSTRAINT "PK_party_audit_countersignature" PRIMARY KEY ("hub_oin", "chain_id", "sequence")
      )`);
    await queryRunner.query(`
      CREATE TABLE "party_audit_alarm" (
        "id" bigserial NOT NULL,
        "hub_oin" text NOT NULL,
        "chain_id" text NOT NULL,
        "kind" text NOT NULL,
        "sequence" bigint NOT NULL,
        "entry_hash" text NOT NULL,
        "problem" text NOT NULL,
        "checkpoint_event_id" text NOT NULL,
        "raised_at" timestamptz NOT NULL,
        CONSTRAINT "PK_party_audit_alarm" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_party_audit_alarm_kind" CHECK ("kind" IN ('REWIND', 'FORK'))
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_party_audit_alarm_chain" ON "party_audit_alarm" ("hub_oin", "chain_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "party_audit_alarm"`);
    await queryRunner.query(`DROP TABLE "party_audit_countersignature"`);
  }
}
