import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The IND's case file: applications with their deadlines and assessment flag, status history, decisions
 * (with the evidence and rule versions they rested on), evidence requests to the hub and sponsor notifications.
 */
export class IndCases1764100000000 implements MigrationInterface {
  name = 'IndCases1764100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ind_application" (
        "id" uuid NOT NULL,
        "sponsor_oin" char(20) NOT NULL,
        "sponsor_reference" text NOT NULL,
        "request_fingerprint" char(64) NOT NULL,
        "category" text NOT NULL,
        "status" text NOT NULL,
        "applicant" jsonb NOT NULL,
        "subject_pseudonym" text,
        "citizenship" char(2) NOT NULL,
        "intended_stay_from" char(10) NOT NULL,
        "intended_stay_until" char(10) NOT NULL,
        "submitted_on" char(10) NOT NULL,
        "sponsor_recognised" boolean NOT NULL,
        "complete_on_receipt" boolean NOT NULL,
        "decided_on" char(10),
        "reason_code" text,
        "deadlines" jsonb NOT NULL,
        "deadline_reference_version" text NOT NULL,
        "extension_days" integer,
        "extension_announced_on" char(10),
        "deadline_alerts" text array NOT NULL,
        "needs_assessment" boolean NOT NULL,
        "assessment_seq" integer NOT NULL,
        "assessment_lease_until" timestamptz,
        "created_at" timestamptz NOT NULL,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_ind_application" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_ind_application_sponsor_reference" UNIQUE ("sponsor_oin", "sponsor_reference")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_ind_application_needs_assessment" ON "ind_application" ("id") WHERE "needs_assessment"`);
    await queryRunner.query(`CREATE INDEX "IDX_ind_application_subject" ON "ind_application" ("subject_pseudonym")`);
    await queryRunner.query(`CREATE INDEX "IDX_ind_application_status" ON "ind_application" ("status")`);
    await queryRunner.query(`
      CREATE TABLE "ind_application_status" (
        "id" BIGSERIAL NOT NULL,
        "application_id" uuid NOT NULL,
        "status" text NOT NULL,
        "reason_code" text,
        "occurred_at" timestamptz NOT NULL,
        "event_id" uuid NOT NULL,
        CONSTRAINT "PK_ind_application_status" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_ind_application_status_case" ON "ind_application_status" ("application_id", "id")`);
    await queryRunner.query(`
      CREATE TABLE "ind_decision" (
        "id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "kind" text NOT NULL,
        "resulting_status" text NOT NULL,
        "reason_code" text,
        "findings" text array NOT NULL,
        "rule_version" text NOT NULL,
        "sponsor_register_version" text NOT NULL,
        "evidence_used" jsonb NOT NULL,
        "evidence_set_aside" jsonb NOT NULL,
        "decided_on" char(10) NOT NULL,
        "decided_at" timestamptz NOT NULL,
        "sponsor_notification_id" uuid,
        CONSTRAINT "PK_ind_decision" PRIMARY KEY ("id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_ind_decision_case" ON "ind_decision" ("application_id")`);
    await queryRunner.query(`
      CREATE TABLE "ind_evidence_request" (
        "id" uuid NOT NULL,
        "hub_request_id" uuid,
        "application_id" uuid,
        "evidence_type" text NOT NULL,
        "state" text NOT NULL,
        "requested_at" timestamptz,
        "deadline" timestamptz,
        "evidence_id" uuid,
        "refusal_reason" text,
        "updated_at" timestamptz NOT NULL,
        CONSTRAINT "PK_ind_evidence_request" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_ind_evidence_request_hub_request" UNIQUE ("hub_request_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_ind_evidence_request_case" ON "ind_evidence_request" ("application_id")`);
    await queryRunner.query(`
      CREATE TABLE "ind_sponsor_notification" (
        "sponsor_oin" char(20) NOT NULL,
        "notification_id" uuid NOT NULL,
        "application_id" uuid NOT NULL,
        "change" text NOT NULL,
        "fact_date" char(10) NOT NULL,
        "reported_on" char(10) NOT NULL,
        "effect" text NOT NULL,
        "reported_late" boolean NOT NULL,
        "received_at" timestamptz NOT NULL,
        CONSTRAINT "PK_ind_sponsor_notification" PRIMARY KEY ("sponsor_oin", "notification_id")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_ind_sponsor_notification_case" ON "ind_sponsor_notification" ("application_id")`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ind_sponsor_notification"`);
    await queryRunner.query(`DROP TABLE "ind_evidence_request"`);
    await queryRunner.query(`DROP TABLE "ind_decision"`);
    await queryRunner.query(`DROP TABLE "ind_application_status"`);
    await queryRunner.query(`DROP TABLE "ind_application"`);
  }
}
