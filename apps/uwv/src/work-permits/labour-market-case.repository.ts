import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, IsNull } from 'typeorm';
import type { WorkSituation } from '../labour-market/labour-market-rules.reference';
import type { LabourMarketReason, WorkPermitOutcome } from '../labour-market/work-permit.decision';
import type { LabourMarketCase, LabourMarketCaseKind, StoredVacancyReport } from './labour-market-case';
import { LabourMarketCaseEntity, VacancyReportEntity } from './labour-market-case.entity';

// The casts trust what this service wrote.
function toCase(entity: LabourMarketCaseEntity): LabourMarketCase {
  return {
    ...entity,
    kind: entity.kind as LabourMarketCaseKind,
    situation: entity.situation as WorkSituation,
    outcome: entity.outcome as WorkPermitOutcome,
    reasons: entity.reasons as LabourMarketReason[],
  };
}

function toVacancy(entity: VacancyReportEntity): StoredVacancyReport {
  return {
    employerOin: entity.employerOin,
    vacancyReference: entity.vacancyReference,
    reportedOn: entity.reportedOn,
    suitableCandidates: entity.suitableCandidates,
  };
}

/** TWV cases, GVVA advice requests and vacancy reports. Methods taking a transaction run in it. */
@Injectable()
export class LabourMarketCaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(kind: LabourMarketCaseKind, employerOin: string, caseReference: string): Promise<LabourMarketCase | undefined> {
    const entity = await this.dataSource.getRepository(LabourMarketCaseEntity).findOneBy({ kind, employerOin, caseReference });
    return entity ? toCase(entity) : undefined;
  }

  /** Inserts the case unless one exists for its reference; true when inserted. */
  async insertIfAbsent(tx: EntityManager, record: LabourMarketCase): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(LabourMarketCaseEntity)
      .values({ ...record, reasons: [...record.reasons] })
      .orIgnore()
      .returning('case_id')
      .execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }

  async save(tx: EntityManager, record: LabourMarketCase): Promise<void> {
    await tx.getRepository(LabourMarketCaseEntity).save({ ...record, reasons: [...record.reasons] });
  }

  /** Pending cases waiting on one vacancy, locked. */
  async lockPendingOnVacancy(tx: EntityManager, employerOin: string, vacancyReference: string): Promise<LabourMarketCase[]> {
    const entities = await tx.getRepository(LabourMarketCaseEntity).find({
      where: { employerOin, vacancyReference, outcome: 'PENDING' },
      lock: { mode: 'pessimistic_write' },
    });
    return entities.map(toCase);
  }

  /** Pending cases whose term ends on or before `endsBy` and that raised no at-risk event yet. */
  async unraisedPendingEndingBy(endsBy: string, limit: number): Promise<string[]> {
    const rows = await this.dataSource
      .getRepository(LabourMarketCaseEntity)
      .createQueryBuilder('c')
      .select('c.case_id', 'caseId')
      .where(`c.outcome = 'PENDING' AND c.at_risk_raised_at IS NULL AND c.term_ends_on <= :endsBy`, { endsBy })
      .orderBy('c.term_ends_on')
      .limit(limit)
      .getRawMany<{ caseId: string }>();
    return rows.map((row) => row.caseId);
  }

  /** The case, locked, if it is still pending and has raised no at-risk event (another replica may have). */
  async lockUnraised(tx: EntityManager, caseId: string): Promise<LabourMarketCase | undefined> {
    const entity = await tx.getRepository(LabourMarketCaseEntity).findOne({
      where: { caseId, outcome: 'PENDING', atRiskRaisedAt: IsNull() },
      lock: { mode: 'pessimistic_write' },
    });
    return entity ? toCase(entity) : undefined;
  }

  async vacancy(employerOin: string, vacancyReference: string, tx?: EntityManager): Promise<StoredVacancyReport | undefined> {
    const entity = await (tx ?? this.dataSource.manager).getRepository(VacancyReportEntity).findOneBy({ employerOin, vacancyReference });
    return entity ? toVacancy(entity) : undefined;
  }

  /** Keeps the first report of a vacancy; true when this one was new. */
  async reportVacancy(tx: EntityManager, report: StoredVacancyReport): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(VacancyReportEntity)
      .values({ ...report, suitableCandidates: null, outcomeRecordedAt: null })
      .orIgnore()
      .returning('vacancy_reference')
      .execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }

  /** Records the search outcome once; false when the vacancy had one already (the first stands). */
  async recordOutcome(
    tx: EntityManager,
    employerOin: string,
    vacancyReference: string,
    suitableCandidates: number,
    at: Date,
  ): Promise<boolean> {
    const result = await tx
      .getRepository(VacancyReportEntity)
      .update({ employerOin, vacancyReference, outcomeRecordedAt: IsNull() }, { suitableCandidates, outcomeRecordedAt: at });
    return (result.affected ?? 0) > 0;
  }
}
