import type { MigrationInterface, QueryRunner } from 'typeorm';

/** RVO's self-employed scores, given as advice to the IND. */
export class RvoSelfEmployedScore1765200000003 implements MigrationInterface {
  name = 'RvoSelfEmployedScore1765200000003';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rvo_self_employed_score" (
        "advice_reference" text NOT NULL,
        "outcome" text NOT NULL,
        "variant" text,
        "exemption_route" text,
        "points" jsonb,
        "total" integer,
        "findings" text array NOT NULL,
        "rule_version" text NOT NULL,
        "scored_on" char(10) NOT NULL,
        "recorded_at" timestamptz NOT NULL,
        CONSTRAINT "PK_rvo_self_employed_score" PRIMARY KEY ("advice_reference")
      )`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rvo_self_employed_score"`);
  }
}
