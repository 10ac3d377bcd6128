import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The connector's memory: the evidence it pushed into the hub, the applications it filed with the IND (and
 * their delivery), the IND's status events about them, and the changes it reported under its duty to notify.
 */
export class UniversityConnector1764100000001 implements MigrationInterface {
  name = 'UniversityConnector1764100000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "university_pushed_evidence" (
        "evidence_type" text NOT NULL,
        "item_reference" text NOT NULL,
        "evidence_id" uuid NOT NULL,
        "subject_pseudonym" text NOT NULL,
        "content_sha256" char(64) NOT NULL,
        "schema_version" integer NOT NULL,
        "pushed_at" timestamptz NOT NULL,
        "revoked_at" timestamptz,
        "revocation_reason" text,
        CONSTRAINT "PK_university_pushed_evidence" PRIMARY KEY ("evidence_type", "item_reference")
      )`);
    await queryRunner.query(`CREATE INDEX "IDX_university_pushed_evidence_subject" ON "university_pushed_evidence" ("subject_pseudonym")`);
    await queryRunner.query(`
      CREATE TABLE "university_application" (
        "application_reference" text NOT NULL,
        "request_fingerprint" char(64) NOT NULL,
        "category" text NOT NULL,
        "applicant" jsonb,
        "citizenship" char(2) NOT NULL,
        "intended_stay_from" char(10) NOT NULL,
        "intended_stay_until" char(10) NOT NULL,
        "delivery_state" text NOT NULL,
        "delivery_problem" text,
        "delivery_attempts" integer NOT NULL,
        "next_delivery_at" timestamptz,
        "ind_application_ref" uuid,
        "subject_pseudonym" text,
        "submitted_on" char(10),
        "filed_at" timestamptz NOT NULL,
        "delivered_at" timestamptz,
        CONSTRAINT "PK_university_application" PRIMARY KEY ("application_reference"),
        CONSTRAINT "UQ_university_application_ind_ref" UNIQUE ("ind_application_ref")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_university_application_queued" ON "university_application" ("next_delivery_at") WHERE "delivery_state" = 'QUEUED'`,
    );
    await queryRunner.query(`
      CREATE TABLE "university_application_status" (
        "id" BIGSERIAL NOT NULL,
        "event_id" uuid NOT NULL,
        "ind_application_ref" uuid NOT NULL,
        "status" text NOT NULL,
        "reason_code" text,
        "submitted_on" char(10),
        "decided_on" char(10),
        "subject_pseudonym" text,
        "occurred_at" timestamptz NOT NULL,
        CONSTRAINT "PK_university_application_status" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_university_application_status_event" UNIQUE ("event_id")
      )`);
    await queryRunner.query(
      `CREATE INDEX "IDX_university_application_status_case" ON "university_application_status" ("ind_application_ref", "id")`,
    );
    await queryRunner.query(`
      CREATE TABLE "university_sponsor_notification" (
        "notification_id" uuid NOT NULL,
        "application_reference" text NOT NULL,
        "change" text NOT NULL,
        "fact_date" char(10) NOT NULL,
        "reported_on" char(10) NOT NULL,
        "reported_late" boolean NOT NULL,
        "revoked_evidence" jsonb NOT NULL,
        "created_at" timestamptz NOT NULL,
        CONSTRAINT "PK_university_sponsor_notification" PRIMARY KEY ("notification_id"),
        CONSTRAINT "UQ_university_sponsor_notification_change" UNIQUE ("application_reference", "change", "fact_date")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "university_sponsor_notification"`);
    await queryRunner.query(`DROP TABLE "university_application_status"`);
    await queryRunner.query(`DROP TABLE "university_application"`);
    await queryRunner.query(`DROP TABLE "university_pushed_evidence"`);
  }
}
