import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import { LabourMarketAdviceEntity } from './labour-market-advice.entity';

export type LabourMarketAdviceRecord = LabourMarketAdviceEntity;

/** The IND's advice requests to UWV. Methods taking a transaction run in it. */
@Injectable()
export class LabourMarketAdviceRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(applicationRef: string): Promise<LabourMarketAdviceRecord | undefined> {
    return (await this.dataSource.getRepository(LabourMarketAdviceEntity).findOneBy({ applicationRef })) ?? undefined;
  }

  /** True when the request is new; an earlier request for the case stands. */
  async insertIfAbsent(tx: EntityManager, record: LabourMarketAdviceRecord): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(LabourMarketAdviceEntity)
      .values({ ...record, reasons: [...record.reasons] })
      .orIgnore()
      .returning('application_ref')
      .execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }

  /** Records UWV's advice on a request still waiting for one; false when there is none (unknown case, or advised before). */
  async recordAdvice(
    tx: EntityManager,
    applicationRef: string,
    advice: Pick<LabourMarketAdviceRecord, 'outcome' | 'reasons' | 'exempt' | 'advisedOn' | 'ruleVersion' | 'advisedAt'>,
  ): Promise<boolean> {
    const result = await tx
      .getRepository(LabourMarketAdviceEntity)
      .update({ applicationRef, outcome: IsNull() }, { ...advice, reasons: [...advice.reasons] });
    return (result.affected ?? 0) > 0;
  }
}
