import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { FacilitatorChange, FacilitatorStanding } from './facilitator';
import { FacilitatorChangeEntity, FacilitatorEntity } from './facilitator.entity';

function toStanding(entity: FacilitatorEntity): FacilitatorStanding {
  return {
    kvkNumber: entity.kvkNumber,
    name: entity.name,
    registeredInKvk: entity.registeredInKvk,
    hasStartUpGuidanceExperience: entity.hasStartUpGuidanceExperience,
    bankrupt: entity.bankrupt,
    negativeEquity: entity.negativeEquity,
  };
}

// The casts trust what the connector itself wrote (a FacilitatorStanding as JSON).
function toChange(entity: FacilitatorChangeEntity): FacilitatorChange {
  return {
    sequence: String(entity.sequence),
    kvkNumber: entity.kvkNumber,
    changedByOin: entity.changedByOin,
    operator: entity.operator,
    changedAt: entity.changedAt,
    before: entity.before as FacilitatorStanding | null,
    after: entity.after as unknown as FacilitatorStanding,
    reason: entity.reason,
    previousHash: entity.previousHash,
    hash: entity.hash,
  };
}

@Injectable()
export class FacilitatorRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(tx: EntityManager | undefined, kvkNumber: string): Promise<FacilitatorStanding | undefined> {
    const entity = await (tx ?? this.dataSource.manager).getRepository(FacilitatorEntity).findOneBy({ kvkNumber });
    return entity === null ? undefined : toStanding(entity);
  }

  /** One writer of the change log at a time, so every change links to the one before it. */
  async lockLog(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('rvo/facilitator-change-log'))`);
  }

  async lastHash(tx: EntityManager): Promise<string | undefined> {
    const last = await tx.getRepository(FacilitatorChangeEntity).find({ order: { sequence: 'DESC' }, take: 1 });
    return last[0]?.hash;
  }

  /** The standing and its change, in the caller's transaction: the register never changes without its log entry. */
  async save(tx: EntityManager, standing: FacilitatorStanding, change: Omit<FacilitatorChange, 'sequence'>): Promise<FacilitatorChange> {
    await tx.getRepository(FacilitatorEntity).save({ ...standing });
    const saved = await tx.getRepository(FacilitatorChangeEntity).save({
      ...change,
      before: change.before === null ? null : { ...change.before },
      after: { ...change.after },
    });
    return toChange(saved);
  }

  async changes(kvkNumber: string | undefined): Promise<FacilitatorChange[]> {
    const rows = await this.dataSource
      .getRepository(FacilitatorChangeEntity)
      .find({ where: kvkNumber === undefined ? {} : { kvkNumber }, order: { sequence: 'ASC' } });
    return rows.map(toChange);
  }
}
