import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager, In } from 'typeorm';
import {
  ApplicationEntity,
  ApplicationStatusEntity,
  DecisionEntity,
  EvidenceRequestEntity,
  SponsorNotificationEntity,
} from './application.entity';

/** A case with everything a caller may see about it. */
export interface ApplicationRecord {
  application: ApplicationEntity;
  history: ApplicationStatusEntity[];
  decisions: DecisionEntity[];
  requests: EvidenceRequestEntity[];
  notifications: SponsorNotificationEntity[];
}

const OPEN_STATUSES = ['APPLICATION_STATUS_SUBMITTED', 'APPLICATION_STATUS_EVIDENCE_PENDING', 'APPLICATION_STATUS_ADVICE_PENDING'];
/** Statuses in which a case can still be waiting for evidence (decision, or issuance after a grant). */
const WAITING_STATUSES = [...OPEN_STATUSES, 'APPLICATION_STATUS_GRANTED', 'APPLICATION_STATUS_MVV_ISSUED'];

/** The IND's case file in PostgreSQL. Methods taking a manager run in the caller's transaction. */
@Injectable()
export class ApplicationRepository {
  constructor(private readonly dataSource: DataSource) {}

  findBySponsorReference(sponsorOin: string, sponsorReference: string): Promise<ApplicationEntity | null> {
    return this.dataSource.getRepository(ApplicationEntity).findOneBy({ sponsorOin, sponsorReference });
  }

  findById(id: string): Promise<ApplicationEntity | null> {
    return this.dataSource.getRepository(ApplicationEntity).findOneBy({ id });
  }

  /** The case, locked until the transaction ends: assessments, notifications and extensions take turns. */
  lock(tx: EntityManager, id: string): Promise<ApplicationEntity | null> {
    return tx.getRepository(ApplicationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
  }

  /** False when the sponsor reference is already taken (a concurrent filing of the same application). */
  async insert(tx: EntityManager, application: ApplicationEntity): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(ApplicationEntity)
      .values(application)
      .orIgnore()
      .returning('id')
      .execute();
    return Array.isArray(result.raw) && result.raw.length === 1;
  }

  async update(tx: EntityManager, id: string, changes: Partial<ApplicationEntity>): Promise<void> {
    await tx.getRepository(ApplicationEntity).update({ id }, changes);
  }

  async appendHistory(tx: EntityManager, rows: Omit<ApplicationStatusEntity, 'id'>[]): Promise<void> {
    if (rows.length > 0) await tx.getRepository(ApplicationStatusEntity).insert(rows);
  }

  async insertDecisions(tx: EntityManager, rows: DecisionEntity[]): Promise<void> {
    if (rows.length > 0) await tx.getRepository(DecisionEntity).insert(rows);
  }

  async insertNotification(tx: EntityManager, row: SponsorNotificationEntity): Promise<void> {
    await tx.getRepository(SponsorNotificationEntity).insert(row);
  }

  findNotification(tx: EntityManager, sponsorOin: string, notificationId: string): Promise<SponsorNotificationEntity | null> {
    return tx.getRepository(SponsorNotificationEntity).findOneBy({ sponsorOin, notificationId });
  }

  async record(application: ApplicationEntity): Promise<ApplicationRecord> {
    const [record] = await this.records([application]);
    return record;
  }

  /** Cases with their history, decisions, requests and notifications: four queries for any number of cases. */
  async records(applications: readonly ApplicationEntity[]): Promise<ApplicationRecord[]> {
    if (applications.length === 0) return [];
    const applicationId = In(applications.map((application) => application.id));
    const [history, decisions, requests, notifications] = await Promise.all([
      this.dataSource.getRepository(ApplicationStatusEntity).find({ where: { applicationId }, order: { id: 'ASC' } }),
      this.dataSource.getRepository(DecisionEntity).find({ where: { applicationId }, order: { decidedAt: 'ASC', id: 'ASC' } }),
      this.dataSource.getRepository(EvidenceRequestEntity).find({ where: { applicationId }, order: { updatedAt: 'ASC', id: 'ASC' } }),
      this.dataSource.getRepository(SponsorNotificationEntity).find({ where: { applicationId }, order: { receivedAt: 'ASC' } }),
    ]);
    const of = <T extends { applicationId: string | null }>(rows: T[], id: string): T[] => rows.filter((row) => row.applicationId === id);
    return applications.map((application) => ({
      application,
      history: of(history, application.id),
      decisions: of(decisions, application.id),
      requests: of(requests, application.id),
      notifications: of(notifications, application.id),
    }));
  }

  /** A page of cases in filing order; all of them for the IND, the caller's own for a sponsor. */
  async page(sponsorOin: string | null, pageSize: number, after: { createdAt: Date; id: string } | null): Promise<ApplicationEntity[]> {
    const query = this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .orderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(pageSize);
    if (sponsorOin !== null) query.andWhere('a.sponsor_oin = :sponsorOin', { sponsorOin });
    if (after !== null) query.andWhere('(a.created_at, a.id) > (:createdAt, :id)', { createdAt: after.createdAt, id: after.id });
    return query.getMany();
  }

  /** Marks cases for (re)assessment; the worker picks them up, now or after a restart. */
  async flagForAssessment(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(
      `UPDATE ind_application SET needs_assessment = true, assessment_seq = assessment_seq + 1 WHERE id = ANY($1::uuid[])`,
      [ids],
    );
  }

  /**
   * Takes the lease of a flagged case, unless another assessor holds it. Returns the sequence number the
   * assessment answers to. The lease uses the database clock: it is about processes, not business time.
   */
  async claimForAssessment(id: string, leaseMs: number): Promise<number | null> {
    const rows = (await this.dataSource.query(
      `UPDATE ind_application
          SET assessment_lease_until = now() + ($2::int * interval '1 millisecond')
        WHERE id = $1 AND needs_assessment AND (assessment_lease_until IS NULL OR assessment_lease_until < now())
        RETURNING assessment_seq`,
      [id, leaseMs],
    )) as [{ assessment_seq: number }[], number];
    const [updated] = rows;
    return updated.length === 1 ? updated[0].assessment_seq : null;
  }

  /** Ends an assessment; the flag stays up if something new arrived meanwhile (the sequence moved on). */
  async finishAssessment(id: string, seq: number): Promise<boolean> {
    const [rows] = (await this.dataSource.query(
      `UPDATE ind_application
          SET assessment_lease_until = NULL,
              needs_assessment = (assessment_seq <> $2)
        WHERE id = $1
        RETURNING needs_assessment`,
      [id, seq],
    )) as [{ needs_assessment: boolean }[], number];
    return rows[0]?.needs_assessment ?? false;
  }

  async releaseLease(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE ind_application SET assessment_lease_until = NULL WHERE id = $1`, [id]);
  }

  /** Flagged cases nobody holds, oldest reason first. */
  async findFlagged(limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `SELECT id FROM ind_application
        WHERE needs_assessment AND (assessment_lease_until IS NULL OR assessment_lease_until < now())
        ORDER BY updated_at LIMIT $1`,
      [limit],
    )) as { id: string }[];
    return rows.map((row) => row.id);
  }

  /**
   * Flags waiting cases whose pending hub request nobody looked at since `before`: the safety net for a
   * completion event this instance never got (dead-lettered, or consumed by another consumer group member).
   */
  async flagStaleWaits(before: Date, limit: number): Promise<string[]> {
    const rows = (await this.dataSource.query(
      `UPDATE ind_application a SET needs_assessment = true, assessment_seq = assessment_seq + 1
        WHERE a.id IN (
          SELECT r.application_id FROM ind_evidence_request r
           WHERE r.state = 'PENDING' AND r.updated_at < $1 AND r.application_id IS NOT NULL
           LIMIT $3)
          AND NOT a.needs_assessment AND a.status = ANY($2::text[])
        RETURNING a.id`,
      [before, WAITING_STATUSES, limit],
    )) as [{ id: string }[], number];
    return rows[0].map((row) => row.id);
  }

  /** Cases of a person that are still waiting for something, for the evidence.verified consumer. */
  async findWaitingForSubject(tx: EntityManager, subjectPseudonym: string): Promise<ApplicationEntity[]> {
    return tx
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.subject_pseudonym = :subjectPseudonym', { subjectPseudonym })
      .andWhere('a.status IN (:...statuses)', {
        statuses: WAITING_STATUSES,
      })
      .getMany();
  }

  /** Open cases for the deadline check, locked (others skip them) for the transaction. */
  async lockOpenBatch(tx: EntityManager, afterId: string, limit: number): Promise<ApplicationEntity[]> {
    return tx
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.status IN (:...statuses)', { statuses: OPEN_STATUSES })
      .andWhere('a.id > :afterId', { afterId })
      .orderBy('a.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
  }
}
