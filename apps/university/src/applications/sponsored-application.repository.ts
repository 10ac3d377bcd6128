import { Injectable } from '@nestjs/common';
import type { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { DataSource, type EntityManager, In } from 'typeorm';
import type {
  ApplicationStatusRecord,
  DeliveryState,
  SponsoredApplicationChanges,
  SponsoredApplicationRecord,
  SponsoredApplicationView,
} from './sponsored-application';
import { ApplicationStatusEntity, SponsoredApplicationEntity } from './sponsored-application.entity';

// Entities are the tables' shape; services see the records of ./sponsored-application. The casts are the one
// place where a stored string is trusted to be the value the domain wrote.
function toApplicationRecord(entity: SponsoredApplicationEntity): SponsoredApplicationRecord {
  return {
    applicationReference: entity.applicationReference,
    requestFingerprint: entity.requestFingerprint,
    category: entity.category as PermitCategory,
    applicant: entity.applicant,
    citizenship: entity.citizenship,
    intendedStayFrom: entity.intendedStayFrom,
    intendedStayUntil: entity.intendedStayUntil,
    deliveryState: entity.deliveryState as DeliveryState,
    deliveryProblem: entity.deliveryProblem,
    deliveryAttempts: entity.deliveryAttempts,
    nextDeliveryAt: entity.nextDeliveryAt,
    indApplicationRef: entity.indApplicationRef,
    subjectPseudonym: entity.subjectPseudonym,
    submittedOn: entity.submittedOn,
    filedAt: entity.filedAt,
    deliveredAt: entity.deliveredAt,
  };
}

function toStatusRecord(entity: ApplicationStatusEntity): ApplicationStatusRecord {
  return {
    eventId: entity.eventId,
    indApplicationRef: entity.indApplicationRef,
    status: entity.status as ApplicationStatus,
    reasonCode: entity.reasonCode,
    submittedOn: entity.submittedOn,
    decidedOn: entity.decidedOn,
    subjectPseudonym: entity.subjectPseudonym,
    occurredAt: entity.occurredAt,
  };
}

@Injectable()
export class SponsoredApplicationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(applicationReference: string): Promise<SponsoredApplicationRecord | null> {
    const entity = await this.dataSource.getRepository(SponsoredApplicationEntity).findOneBy({ applicationReference });
    return entity && toApplicationRecord(entity);
  }

  /** False when the reference exists already (filed before, or concurrently). */
  async insert(application: SponsoredApplicationRecord): Promise<boolean> {
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(SponsoredApplicationEntity)
      .values({ ...application })
      .orIgnore()
      .returning('application_reference')
      .execute();
    return Array.isArray(result.raw) && result.raw.length === 1;
  }

  async update(applicationReference: string, changes: SponsoredApplicationChanges): Promise<void> {
    await this.dataSource.getRepository(SponsoredApplicationEntity).update({ applicationReference }, { ...changes });
  }

  /** Queued filings that are due, oldest first. */
  async dueForDelivery(limit: number, now: Date): Promise<SponsoredApplicationRecord[]> {
    const entities = await this.dataSource
      .getRepository(SponsoredApplicationEntity)
      .createQueryBuilder('a')
      .where(`a.delivery_state = 'QUEUED'`)
      .andWhere('(a.next_delivery_at IS NULL OR a.next_delivery_at <= :now)', { now })
      .orderBy('a.filed_at', 'ASC')
      .limit(limit)
      .getMany();
    return entities.map(toApplicationRecord);
  }

  async view(application: SponsoredApplicationRecord): Promise<SponsoredApplicationView> {
    const [view] = await this.views([application]);
    return view;
  }

  /** Applications with their status history, in one query for the lot. */
  async views(applications: readonly SponsoredApplicationRecord[]): Promise<SponsoredApplicationView[]> {
    const refs = applications.flatMap((application) => (application.indApplicationRef ? [application.indApplicationRef] : []));
    const history =
      refs.length === 0
        ? []
        : await this.dataSource
            .getRepository(ApplicationStatusEntity)
            .find({ where: { indApplicationRef: In(refs) }, order: { id: 'ASC' } });
    return applications.map((application) => ({
      application,
      history: application.indApplicationRef
        ? history.filter((entry) => entry.indApplicationRef === application.indApplicationRef).map(toStatusRecord)
        : [],
    }));
  }

  async page(pageSize: number, after: string | null): Promise<SponsoredApplicationRecord[]> {
    const query = this.dataSource
      .getRepository(SponsoredApplicationEntity)
      .createQueryBuilder('a')
      .orderBy('a.application_reference', 'ASC')
      .limit(pageSize);
    if (after !== null) query.where('a.application_reference > :after', { after });
    return (await query.getMany()).map(toApplicationRecord);
  }

  /** Stores a status event once (its event id is unique, so a redelivered copy changes nothing). */
  async recordStatus(tx: EntityManager, status: ApplicationStatusRecord): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(ApplicationStatusEntity)
      .values({ ...status })
      .orIgnore()
      .returning('id')
      .execute();
    return Array.isArray(result.raw) && result.raw.length === 1;
  }

  /**
   * After a filing receipt (which carries no pseudonym): takes the pseudonym from status events that arrived
   * before the receipt did, since notePseudonym could not match them to the application yet.
   */
  async adoptPseudonymFromStatusHistory(indApplicationRef: string): Promise<void> {
    await this.dataSource
      .getRepository(SponsoredApplicationEntity)
      .createQueryBuilder()
      .update()
      .set({
        subjectPseudonym: () =>
          '(SELECT s.subject_pseudonym FROM university_application_status s WHERE s.ind_application_ref = :indApplicationRef AND s.subject_pseudonym IS NOT NULL ORDER BY s.id LIMIT 1)',
      })
      .where('ind_application_ref = :indApplicationRef AND subject_pseudonym IS NULL', { indApplicationRef })
      .execute();
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
