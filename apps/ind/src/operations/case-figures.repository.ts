import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { ApplicationEntity } from '../applications/application.entity';
import { OPEN_STATUSES } from '../applications/application.repository';
import type { EvidenceRequestCount, OpenCaseClocks, StageCount } from './case-figures';

/** Counts over the IND's own case files for the operations console: aggregates only, never a case or a person. */
@Injectable()
export class CaseFiguresRepository {
  constructor(private readonly dataSource: DataSource) {}

  async stageCounts(): Promise<StageCount[]> {
    const rows: { category: string; status: string; cases: string }[] = await this.dataSource.query(
      `SELECT category, status, count(*) AS cases FROM ind_application GROUP BY category, status ORDER BY category, status`,
    );
    return rows.map((row) => ({ category: row.category, status: row.status, cases: Number(row.cases) }));
  }

  async evidenceRequestCounts(): Promise<EvidenceRequestCount[]> {
    const rows: { evidence_type: string; state: string; requests: string }[] = await this.dataSource.query(
      `SELECT evidence_type, state, count(*) AS requests FROM ind_evidence_request GROUP BY evidence_type, state ORDER BY evidence_type, state`,
    );
    return rows.map((row) => ({ evidenceType: row.evidence_type, state: row.state, requests: Number(row.requests) }));
  }

  async openCaseClocks(): Promise<OpenCaseClocks[]> {
    const entities = await this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .select(['a.category', 'a.submittedOn', 'a.deadlineReferenceVersion', 'a.deadlines'])
      .where('a.status IN (:...statuses)', { statuses: OPEN_STATUSES })
      .getMany();
    return entities.map((entity) => ({
      category: entity.category as PermitCategory,
      submittedOn: entity.submittedOn,
      deadlineReferenceVersion: entity.deadlineReferenceVersion,
      deadlines: entity.deadlines,
    }));
  }
}
