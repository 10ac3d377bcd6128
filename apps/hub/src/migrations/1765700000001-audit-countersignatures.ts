import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Issue 12: the parties' counter-signatures of the hub's audit checkpoints, as the hub received and verified them
 * (insert-only for the service role). The signed records themselves stay on welkom.hub.audit-countersignatures.v1,
 * outside this database; this table is what VerifyAuditChain reports and compares with.
 */
export class AuditCountersignatures1765700000001 implements MigrationInterface {
  name = 'AuditCountersignatures1765700000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_countersignature" (
        "chain_id" text NOT NULL,
        "checkpoint_sequence" bigint NOT NULL,
        "party_oin" character(20) NOT NULL,
        "checkpoint_hash" character(64) NOT NULL,
        "checkpoint_taken_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "countersigned_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "event_id" uuid NOT NULL,
        "received_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        CONSTRAINT "PK_audit_countersignature" PRIMARY KEY ("chain_id", "checkpoint_sequence", "party_oin")
      )`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_countersignature"`);
  }
}
