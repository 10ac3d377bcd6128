import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Once-only evidence exchange (ARCHITECTURE.md §4): party sub-units, grants, the evidence vault, subject
 * identifiers (sealed), pending evidence requests and the hash-chained audit trail.
 */
export class OnceOnlyEvidence1764000000000 implements MigrationInterface {
  name = 'OnceOnlyEvidence1764000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "party_sub_unit" (
        "party_oin" char(20) NOT NULL,
        "code" text NOT NULL,
        "name" text NOT NULL,
        CONSTRAINT "PK_party_sub_unit" PRIMARY KEY ("party_oin", "code"),
        CONSTRAINT "FK_party_sub_unit_party" FOREIGN KEY ("party_oin") REFERENCES "party" ("oin") ON DELETE CASCADE
      )`);
    await queryRunner.query(`
      CREATE TABLE "evidence_grant" (
        "id" uuid NOT NULL,
        "requester_oin" char(20),
        "requester_role" text,
        "requester_sub_unit" text NOT NULL DEFAULT '',
        "evidence_type" text NOT NULL,
        "purpose" text NOT NULL,
        "legal_basis" text NOT NULL,
        "allowed_fields" text array NOT NULL,
        "valid_from" timestamptz NOT NULL,
        "valid_to" timestamptz NOT NULL,
        "requires_explicit_request" boolean NOT NULL DEFAULT false,
        "created_at" timestamptz NOT NULL,
        "created_by" char(20) NOT NULL,
        "ended_at" timestamptz,
        "ended_by" char(20),
        "end_reason" text,
        CONSTRAINT "PK_evidence_grant" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_evidence_grant_one_requester" CHECK (("requester_oin" IS NULL) <> ("requester_role" IS NULL)),
        CONSTRAINT "CHK_evidence_grant_period" CHECK ("valid_from" < "valid_to")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_evidence_grant_type_oin" ON "evidence_grant" ("evidence_type", "requester_oin")`);
    await queryRunner.query(`CREATE INDEX "IDX_evidence_grant_type_role" ON "evidence_grant" ("evidence_type", "requester_role")`);
    await queryRunner.query(`
      CREATE TABLE "evidence" (
        "id" uuid NOT NULL,
        "evidence_type" text NOT NULL,
        "subject_pseudonym" text NOT NULL,
        "issuer_oin" char(20) NOT NULL,
        "issuer_sub_unit" text NOT NULL DEFAULT '',
        "source_reference" text NOT NULL,
        "schema_version" integer NOT NULL,
        "payload" bytea NOT NULL,
        "content_sha256" char(64) NOT NULL,
        "issued_at" timestamptz NOT NULL,
        "verified_at" timestamptz NOT NULL,
        "valid_until" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        "revocation_reason" text,
        CONSTRAINT "PK_evidence" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_evidence_source_reference" UNIQUE ("issuer_oin", "evidence_type", "source_reference")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_evidence_subject" ON "evidence" ("evidence_type", "subject_pseudonym", "verified_at" DESC)`);
    await queryRunner.query(`
      CREATE TABLE "subject_identifier" (
        "pseudonym" text NOT NULL,
        "sealed_identifier" bytea NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        CONSTRAINT "PK_subject_identifier" PRIMARY KEY ("pseudonym")
      )`);
    await queryRunner.query(`
      CREATE TABLE "evidence_request" (
        "id" uuid NOT NULL,
        "requester_oin" char(20) NOT NULL,
        "requester_sub_unit" text NOT NULL DEFAULT '',
        "evidence_type" text NOT NULL,
        "subject_pseudonym" text NOT NULL,
        "purpose" text NOT NULL,
        "legal_basis" text NOT NULL,
        "explicit_request_by_person" boolean NOT NULL,
        "grant_id" uuid NOT NULL,
        "status" text NOT NULL,
        "requested_at" timestamptz NOT NULL,
        "deadline" timestamptz NOT NULL,
        "completed_at" timestamptz,
        "evidence_id" uuid,
        "expired_at" timestamptz,
        CONSTRAINT "PK_evidence_request" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_evidence_request_status" CHECK ("status" IN ('PENDING', 'COMPLETED', 'EXPIRED')),
        CONSTRAINT "FK_evidence_request_evidence" FOREIGN KEY ("evidence_id") REFERENCES "evidence" ("id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_evidence_request_pending_subject" ON "evidence_request" ("evidence_type", "subject_pseudonym") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_evidence_request_pending_deadline" ON "evidence_request" ("deadline") WHERE "status" = 'PENDING'`,
    );
    // One open request per requester, type, subject and purpose: asking twice waits for the same answer.
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_evidence_request_open" ON "evidence_request" ("requester_oin", "requester_sub_unit", "evidence_type", "subject_pseudonym", "purpose") WHERE "status" = 'PENDING'`,
    );
    await queryRunner.query(`
      CREATE TABLE "audit_entry" (
        "sequence" bigint NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "actor_oin" char(20) NOT NULL,
        "actor_sub_unit" text NOT NULL,
        "action" text NOT NULL,
        "reason" text,
        "subject_pseudonym" text,
        "evidence_type" text,
        "evidence_id" uuid,
        "request_id" uuid,
        "grant_id" uuid,
        "purpose" text,
        "legal_basis" text,
        "disclosed_fields" text array,
        "explicit_request_by_person" boolean,
        "previous_hash" char(64) NOT NULL,
        "entry_hash" char(64) NOT NULL,
        CONSTRAINT "PK_audit_entry" PRIMARY KEY ("sequence")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_entry_subject" ON "audit_entry" ("subject_pseudonym", "sequence") WHERE "subject_pseudonym" IS NOT NULL`,
    );
    // The single row every append locks: it serialises the chain (one writer at a time links to the head).
    await queryRunner.query(`
      CREATE TABLE "audit_chain_head" (
        "id" smallint NOT NULL,
        "last_sequence" bigint NOT NULL,
        "last_hash" char(64) NOT NULL,
        CONSTRAINT "PK_audit_chain_head" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_audit_chain_head_single_row" CHECK ("id" = 1)
      )`);
    await queryRunner.query(`INSERT INTO "audit_chain_head" ("id", "last_sequence", "last_hash") VALUES (1, 0, repeat('0', 64))`);
    // Append-only against mistakes; against a deliberate edit (trigger disabled) the hash chain is the guard.
    await queryRunner.query(`
      CREATE FUNCTION "audit_entry_append_only"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_entry is append-only: % refused', TG_OP;
      END
      $$`);
    await queryRunner.query(
      `CREATE TRIGGER "audit_entry_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_entry" FOR EACH ROW EXECUTE FUNCTION "audit_entry_append_only"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_entry_no_truncate" BEFORE TRUNCATE ON "audit_entry" FOR EACH STATEMENT EXECUTE FUNCTION "audit_entry_append_only"()`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE "audit_chain_head"');
    await queryRunner.query('DROP TABLE "audit_entry"');
    await queryRunner.query('DROP FUNCTION "audit_entry_append_only"()');
    await queryRunner.query('DROP TABLE "evidence_request"');
    await queryRunner.query('DROP TABLE "subject_identifier"');
    await queryRunner.query('DROP TABLE "evidence"');
    await queryRunner.query('DROP TABLE "evidence_grant"');
    await queryRunner.query('DROP TABLE "party_sub_unit"');
  }
}
