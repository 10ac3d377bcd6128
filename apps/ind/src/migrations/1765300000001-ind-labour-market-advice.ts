import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Single-permit (GVVA) cases: the IND's request for UWV's labour-market advice and the advice UWV gave. */
export class IndLabourMarketAdvice1765300000001 implements MigrationInterface {
  name = 'IndLabourMarketAdvice1765300000001';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "ind_labour_market_advice" (
        "application_ref" text NOT NULL,
        "subject_pseudonym" text NOT NULL,
        "employer_oin" character(20) NOT NULL,
        "situation" text NOT NULL,
        "vacancy_reference" text NOT NULL,
        "requested_on" character(10) NOT NULL,
        "requested_at" TIMESTAMP WITH TIME ZONE NOT NULL,
        "outcome" text,
        "reasons" text array NOT NULL,
        "exempt" boolean,
        "advised_on" character(10),
        "rule_version" text,
        "advised_at" TIMESTAMP WITH TIME ZONE,
        CONSTRAINT "PK_ind_labour_market_advice" PRIMARY KEY ("application_ref")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "ind_labour_market_advice"`);
  }
}
