import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { StartUpAdviceOutcome } from './start-up-assessment.policy';
import type { StartUpAdviceRecord } from './start-up-advice';
import { StartUpAdviceEntity } from './start-up-advice.entity';
import type { InnovationTest, StartUpReasonCode } from './start-up-rules.reference';

// The casts trust what the connector itself wrote.
function toRecord(entity: StartUpAdviceEntity): StartUpAdviceRecord {
  return {
    adviceReference: entity.adviceReference,
    outcome: entity.outcome as StartUpAdviceOutcome,
    reasonCodes: entity.reasonCodes as StartUpReasonCode[],
    innovationTestsMet: entity.innovationTestsMet as InnovationTest[],
    ruleVersion: entity.ruleVersion,
    assessedOn: entity.assessedOn,
    facilitatorKvkNumber: entity.facilitatorKvkNumber,
    founderPseudonym: entity.founderPseudonym,
    evidenceId: entity.evidenceId,
    contentSha256: entity.contentSha256,
    schemaVersion: entity.schemaVersion,
    recordedAt: entity.recordedAt,
  };
}

@Injectable()
export class StartUpAdviceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(adviceReference: string): Promise<StartUpAdviceRecord | undefined> {
    const entity = await this.dataSource.getRepository(StartUpAdviceEntity).findOneBy({ adviceReference });
    return entity === null ? undefined : toRecord(entity);
  }

  /** Idempotent on the reference: a retry after the hub accepted the evidence records the same advice once. */
  async record(advice: StartUpAdviceRecord): Promise<void> {
    await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(StartUpAdviceEntity)
      .values({ ...advice, reasonCodes: [...advice.reasonCodes], innovationTestsMet: [...advice.innovationTestsMet] })
      .orIgnore()
      .execute();
  }
}
