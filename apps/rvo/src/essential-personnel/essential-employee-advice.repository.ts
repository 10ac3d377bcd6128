import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { EssentialEmployeeAdviceRecord } from './essential-employee-advice';
import { EssentialEmployeeAdviceEntity } from './essential-employee-advice.entity';
import type { EssentialPersonnelOutcome } from './essential-personnel.policy';
import type { EssentialPersonnelReasonCode } from './essential-personnel.reference';

// The casts trust what the connector itself wrote.
function toRecord(entity: EssentialEmployeeAdviceEntity): EssentialEmployeeAdviceRecord {
  return {
    adviceReference: entity.adviceReference,
    startUpKvkNumber: entity.startUpKvkNumber,
    outcome: entity.outcome as EssentialPersonnelOutcome,
    reasonCodes: entity.reasonCodes as EssentialPersonnelReasonCode[],
    ruleVersion: entity.ruleVersion,
    receivedOn: entity.receivedOn,
    residenceSchemeUntil: entity.residenceSchemeUntil,
    startUpPermitsCounted: entity.startUpPermitsCounted,
    recordedAt: entity.recordedAt,
  };
}

/** Outcomes that hold one of the start-up's permit slots: given, or waiting only for the wage evidence. */
const HOLDS_A_SLOT: readonly EssentialPersonnelOutcome[] = ['POSITIVE', 'PENDING'];

@Injectable()
export class EssentialEmployeeAdviceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(tx: EntityManager | undefined, adviceReference: string): Promise<EssentialEmployeeAdviceRecord | undefined> {
    const entity = await (tx ?? this.dataSource.manager).getRepository(EssentialEmployeeAdviceEntity).findOneBy({ adviceReference });
    return entity === null ? undefined : toRecord(entity);
  }

  /**
   * Serialises advices for one start-up until the transaction ends, so two advices given at once cannot both
   * take the 5th slot.
   */
  async lockStartUp(tx: EntityManager, startUpKvkNumber: string): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('rvo/essential-personnel/' || $1))`, [startUpKvkNumber]);
  }

  slotsHeld(tx: EntityManager, startUpKvkNumber: string): Promise<number> {
    return tx.getRepository(EssentialEmployeeAdviceEntity).countBy({ startUpKvkNumber, outcome: In([...HOLDS_A_SLOT]) });
  }

  async record(tx: EntityManager, advice: EssentialEmployeeAdviceRecord): Promise<void> {
    await tx.getRepository(EssentialEmployeeAdviceEntity).insert({ ...advice, reasonCodes: [...advice.reasonCodes] });
  }
}
