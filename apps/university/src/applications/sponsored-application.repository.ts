import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import { ApplicationStatusEntity, SponsoredApplicationEntity } from './sponsored-application.entity';

export interface SponsoredApplicationRecord {
  application: SponsoredApplicationEntity;
  history: ApplicationStatusEntity[];
}

@Injectable()
export class SponsoredApplicationRepository {
  constructor(private readonly dataSource: DataSource) {}

  find(applicationReference: string): Promise<SponsoredApplicationEntity | null> {
    return this.dataSource.getRepository(SponsoredApplicationEntity).findOneBy({ applicationReference });
  }

  /** False when the reference exists already (filed before, or concurrently). */
  async insert(row: SponsoredApplicationEntity): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SponsoredApplicationEntity)
      .values(row)
      .orIgnore()
      .returning('application_reference')
      .execute();
    return Array.isArray(result.raw) && result.raw.length === 1;
  }

  async update(applicationReference: string, changes: Partial<SponsoredApplicationEntity>): Promise<void> {
    await this.dataSource.getRepository(SponsoredApplicationEntity).update({ applicationReference }, changes);
  }

  /** Queued filings that are due, oldest first. */
  async dueForDelivery(limit: number, now: Date): Promise<SponsoredApplicationEntity[]> {
    return this.dataSource
      .getRepository(SponsoredApplicationEntity)
      .createQueryBuilder('a')
      .where(`a.delivery_state = 'QUEUED'`)
      .andWhere('(a.next_delivery_at IS NULL OR a.next_delivery_at <= :now)', { now })
      .orderBy('a.filed_at', 'ASC')
      .limit(limit)
      .getMany();
  }

  async record(application: SponsoredApplicationEntity): Promise<SponsoredApplicationRecord> {
    const [record] = await this.records([application]);
    return record;
  }

  /** Applications with their status history, in one query for the lot. */
  async records(applications: readonly SponsoredApplicationEntity[]): Promise<SponsoredApplicationRecord[]> {
    const refs = applications.flatMap((application) => (application.indApplicationRef ? [application.indApplicationRef] : []));
    const history = refs.length === 0 ? [] : await this.dataSource.getRepository(ApplicationStatusEntity).find({ where: { indApplicationRef: In(refs) }, order: { id: 'ASC' } });
    return applications.map((application) => ({
      application,
      history: application.indApplicationRef ? history.filter((entry) => entry.indApplicationRef === application.indApplicationRef) : [],
    }));
  }

  async page(pageSize: number, after: string | null): Promise<SponsoredApplicationEntity[]> {
    const query = this.dataSource
      .getRepository(SponsoredApplicationEntity)
      .createQueryBuilder('a')
      .orderBy('a.application_reference', 'ASC')
      .limit(pageSize);
    if (after !== null) query.where('a.application_reference > :after', { after });
    return query.getMany();
  }

  /** Stores a status event once (its event id is unique, so a redelivered copy changes nothing). */
  async recordStatus(tx: EntityManager, row: Omit<ApplicationStatusEntity, 'id'>): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(ApplicationStatusEntity)
      .values(row)
      .orIgnore()
      .returning('id')
      .execute();
    return Array.isArray(result.raw) && result.raw.length === 1;
  }

  /** The pseudonym the IND learned from the hub, for the application it belongs to. */
  async notePseudonym(tx: EntityManager, indApplicationRef: string, subjectPseudonym: string): Promise<void> {
    await tx
      .getRepository(SponsoredApplicationEntity)
      .createQueryBuilder()
      .update()
      .set({ subjectPseudonym })
      .where('ind_application_ref = :indApplicationRef AND subject_pseudonym IS NULL', { indApplicationRef })
      .execute();
  }
}
