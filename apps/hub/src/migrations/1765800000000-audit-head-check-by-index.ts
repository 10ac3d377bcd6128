import type { MigrationInterface, QueryRunner } from 'typeorm';

const OLD_BODY = `
      BEGIN
        IF NOT EXISTS (
          SELECT 1 FROM "audit_entry" WHERE "sequence" = NEW."last_sequence" AND "entry_hash" = NEW."last_hash"
        ) OR EXISTS (SELECT 1 FROM "audit_entry" WHERE "sequence" > NEW."last_sequence") THEN
          RAISE EXCEPTION 'audit_chain_head must name the newest audit entry: % refused', NEW."last_sequence";
        END IF;
        RETURN NULL;
      END
      `;

/**
 * Issue 17: the head's "names the newest entry" check read the whole audit trail on every append. PL/pgSQL plans
 * `EXISTS (… WHERE "sequence" > $1)` generically, PostgreSQL chose a sequential scan, and the only rows that can
 * match are the newest, at the end of the heap: 4 ms per append at 16,000 entries, growing with the trail (most of
 * PostgreSQL's time per answered RequestEvidence). `max("sequence")` is read from the end of the primary key
 * whatever the plan. The rule is the same: the head must name an entry with its hash, and no entry may lie beyond it.
 */
export class AuditHeadCheckByIndex1765800000000 implements MigrationInterface {
  name = 'AuditHeadCheckByIndex1765800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION "audit_chain_head_names_newest_entry"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF (SELECT max("sequence") FROM "audit_entry") IS DISTINCT FROM NEW."last_sequence" OR NOT EXISTS (
          SELECT 1 FROM "audit_entry" WHERE "sequence" = NEW."last_sequence" AND "entry_hash" = NEW."last_hash"
        ) THEN
          RAISE EXCEPTION 'audit_chain_head must name the newest audit entry: % refused', NEW."last_sequence";
        END IF;
        RETURN NULL;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE OR REPLACE FUNCTION "audit_chain_head_names_newest_entry"() RETURNS trigger LANGUAGE plpgsql AS $$${OLD_BODY}$$`,
    );
  }
}
