import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ExemptionRoute, PointPart } from './self-employed-points.reference';
import type { SelfEmployedScoreRecord } from './self-employed-score';
import { SelfEmployedScoreEntity } from './self-employed-score.entity';

// The casts trust what the connector itself wrote.
function toRecord(entity: SelfEmployedScoreEntity): SelfEmployedScoreRecord {
  return {
    adviceReference: entity.adviceReference,
    outcome: entity.outcome as SelfEmployedScoreRecord['outcome'],
    variant: entity.variant as SelfEmployedScoreRecord['variant'],
    exemptionRoute: entity.exemptionRoute as ExemptionRoute | null,
    points: entity.points as Record<PointPart, number> | null,
    total: entity.total,
    findings: entity.findings,
    ruleVersion: entity.ruleVersion,
    scoredOn: entity.scoredOn,
    recordedAt: entity.recordedAt,
    issued:
      entity.evidenceId === null || entity.applicantPseudonym === null
        ? null
        : {
            applicantPseudonym: entity.applicantPseudonym,
            evidenceId: entity.evidenceId,
            contentSha256: entity.contentSha256 ?? '',
            schemaVersion: entity.schemaVersion ?? 0,
          },
  };
}

@Injectable()
export class SelfEmployedScoreRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(adviceReference: string): Promise<SelfEmployedScoreRecord | undefined> {
    const entity = await this.dataSource.getRepository(SelfEmployedScoreEntity).findOneBy({ adviceReference });
    return entity === null ? undefined : toRecord(entity);
  }

  /** The first score recorded for a reference stands; returns the stored one. */
  async recordOnce(score: SelfEmployedScoreRecord): Promise<SelfEmployedScoreRecord> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SelfEmployedScoreEntity)
      .values({
        adviceReference: score.adviceReference,
        outcome: score.outcome,
        variant: score.variant,
        exemptionRoute: score.exemptionRoute,
        points: score.points === null ? null : { ...score.points },
        total: score.total,
        findings: [...score.findings],
        ruleVersion: score.ruleVersion,
        scoredOn: score.scoredOn,
        recordedAt: score.recordedAt,
        applicantPseudonym: score.issued?.applicantPseudonym ?? null,
        evidenceId: score.issued?.evidenceId ?? null,
        contentSha256: score.issued?.contentSha256 ?? null,
        schemaVersion: score.issued?.schemaVersion ?? null,
      })
      .orIgnore()
      .execute();
    return (await this.find(score.adviceReference)) ?? score;
  }
}
