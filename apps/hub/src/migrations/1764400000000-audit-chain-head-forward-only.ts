import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The chain head gets triggers of its own. Without them a single UPDATE could rewind the head to an earlier
 * entry (and a verifier would then find a shorter, intact chain) or a DELETE could remove it. Now the head
 * only moves forward, and only onto an entry that exists: after an UPDATE, `last_sequence`/`last_hash` must
 * name the newest stored entry. DELETE and TRUNCATE are refused. As for `audit_entry`, this guards against
 * mistakes and plain SQL; someone who switches triggers off is caught by the hash chain and its anchors.
 */
export class AuditChainHeadForwardOnly1764400000000 implements MigrationInterface {
  name = 'AuditChainHeadForwardOnly1764400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    // BEFORE UPDATE: the sequence strictly increases. Appends insert the entries and move the head in one
    // statement, so whether the new head names a real entry can only be checked once the statement's
    // inserts are done: in the AFTER trigger below.
    await queryRunner.query(`
      CREATE FUNCTION "audit_chain_head_forward_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF TG_OP <> 'UPDATE' THEN
          RAISE EXCEPTION 'audit_chain_head only moves forward: % refused', TG_OP;
        END IF;
        IF NEW."id" <> OLD."id" THEN
          RAISE EXCEPTION 'audit_chain_head only moves forward: its id cannot change';
        END IF;
        IF NEW."last_sequence" <= OLD."last_sequence" THEN
          RAISE EXCEPTION 'audit_chain_head only moves forward: % to % refused', OLD."last_sequence", NEW."last_sequence";
        END IF;
        RETURN NEW;
      END
      $$`);
    await queryRunner.query(`
      CREATE FUNCTION "audit_chain_head_names_newest_entry"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NOT EXISTS (
          SELECT 1 FROM "audit_entry" WHERE "sequence" = NEW."last_sequence" AND "entry_hash" = NEW."last_hash"
        ) OR EXISTS (SELECT 1 FROM "audit_entry" WHERE "sequence" > NEW."last_sequence") THEN
          RAISE EXCEPTION 'audit_chain_head must name the newest audit entry: % refused', NEW."last_sequence";
        END IF;
        RETURN NULL;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "audit_chain_head_no_rewind" BEFORE UPDATE OR DELETE ON "audit_chain_head"
       FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_forward_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_chain_head_no_truncate" BEFORE TRUNCATE ON "audit_chain_head"
       FOR EACH STATEMENT EXECUTE FUNCTION "audit_chain_head_forward_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_chain_head_on_newest_entry" AFTER UPDATE ON "audit_chain_head"
       FOR EACH ROW EXECUTE FUNCTION "audit_chain_head_names_newest_entry"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TRIGGER "audit_chain_head_on_newest_entry" ON "audit_chain_head"');
    await queryRunner.query('DROP TRIGGER "audit_chain_head_no_truncate" ON "audit_chain_head"');
    await queryRunner.query('DROP TRIGGER "audit_chain_head_no_rewind" ON "audit_chain_head"');
    await queryRunner.query('DROP FUNCTION "audit_chain_head_names_newest_entry"()');
    await queryRunner.query('DROP FUNCTION "audit_chain_head_forward_only"()');
  }
}
