import { Injectable } from '@nestjs/common';
import type { SalaryCriterion } from '@welkom/reference-data';
import { DataSource, IsNull } from 'typeorm';
import type { IssuedWageFact } from './wage-evidence';
import { WageEvidenceEntity } from './wage-evidence.entity';

// The cast trusts what the connector itself wrote.
function toFact(entity: WageEvidenceEntity): IssuedWageFact {
  return {
    sourceReference: entity.sourceReference,
    evidenceId: entity.evidenceId,
    employeeKey: entity.employeeKey,
    employerOin: entity.employerOin,
    criterion: entity.criterion as SalaryCriterion,
    referenceDate: entity.referenceDate,
    tableVersion: entity.tableVersion,
    meetsThreshold: entity.meetsThreshold,
    issuedAt: entity.issuedAt,
  };
}

@Injectable()
export class WageEvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The first record of a source reference stands (the hub answers a re-issue with the same evidence). */
  async recordOnce(fact: IssuedWageFact): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(WageEvidenceEntity)
      .values({ ...fact })
      .orIgnore()
      .execute();
  }

  /** Facts that said "meets" and still stand: the ones a later declaration may have to revoke. */
  async standingPositive(): Promise<IssuedWageFact[]> {
    const entities = await this.dataSource.getRepository(WageEvidenceEntity).findBy({ meetsThreshold: true, revokedAt: IsNull() });
    return entities.map(toFact);
  }

  async markRevoked(sourceReference: string, revokedAt: Date, reason: string): Promise<void> {
    await this.dataSource
      .getRepository(WageEvidenceEntity)
      .update({ sourceReference, revokedAt: IsNull() }, { revokedAt, revocationReason: reason });
  }
}
