import { Injectable } from '@nestjs/common';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { DataSource, type EntityManager, In } from 'typeorm';
import type { DecisionKind } from '../assessment/case-assessment';
import type { EvidenceSetAsideReason } from '../decisions/decision-rules';
import type { NotificationEffect } from '../notifications/sponsor-notification.plan';
import type {
  ApplicationChanges,
  ApplicationRecord,
  ApplicationStatusRecord,
  ApplicationView,
  DecisionRecord,
  FilingRoute,
  SponsorNotificationRecord,
} from './application';
import {
  ApplicationEntity,
  ApplicationStatusEntity,
  DecisionEntity,
  EvidenceRequestEntity,
  SponsorNotificationEntity,
} from './application.entity';
import { toEvidenceRequestRecord } from './evidence-request.repository';

export const OPEN_STATUSES = ['APPLICATION_STATUS_SUBMITTED', 'APPLICATION_STATUS_EVIDENCE_PENDING', 'APPLICATION_STATUS_ADVICE_PENDING'];
/** Statuses in which a case can still be waiting for evidence (decision, or issuance after a grant). */
const WAITING_STATUSES = [...OPEN_STATUSES, 'APPLICATION_STATUS_GRANTED', 'APPLICATION_STATUS_MVV_ISSUED'];

// Entities are the tables' shape; services see the records of ./application. The casts are the one place
// where a stored string is trusted to be the value the domain wrote.
function toApplicationRecord(entity: ApplicationEntity): ApplicationRecord {
  return {
    id: entity.id,
    sponsorOin: entity.sponsorOin,
    sponsorReference: entity.sponsorReference,
    requestFingerprint: entity.requestFingerprint,
    category: entity.category as PermitCategory,
    status: entity.status as ApplicationStatus,
    applicant: entity.applicant,
    subjectPseudonym: entity.subjectPseudonym,
    citizenship: entity.citizenship,
    intendedStayFrom: entity.intendedStayFrom,
    intendedStayUntil: entity.intendedStayUntil,
    submittedOn: entity.submittedOn,
    sponsorRecognised: entity.sponsorRecognised,
    completeOnReceipt: entity.completeOnReceipt,
    decidedOn: entity.decidedOn,
    reasonCode: entity.reasonCode,
    deadlines: entity.deadlines,
    deadlineReferenceVersion: entity.deadlineReferenceVersion,
    extensionDays: entity.extensionDays,
    extensionAnnouncedOn: entity.extensionAnnouncedOn,
    deadlineAlerts: entity.deadlineAlerts,
    knowledgeMigrant: entity.knowledgeMigrant,
    arrival: entity.arrival,
    mvvEnteredOn: entity.mvvEnteredOn,
    collectionPoint: entity.collectionPoint,
    filingRoute: entity.filingRoute as FilingRoute,
    familyMember: entity.familyMember,
    createdAt: entity.createdAt,
    updatedAt: entity.updatedAt,
  };
}

/** A new case enters the table unflagged: the intake assesses it itself. */
function toApplicationEntity(application: ApplicationRecord): ApplicationEntity {
  return {
    ...application,
    mainApplicationId: application.familyMember?.mainApplicationRef ?? null,
    deadlines: [...application.deadlines],
    deadlineAlerts: [...application.deadlineAlerts],
    needsAssessment: false,
    assessmentSeq: 0,
    assessmentLeaseUntil: null,
  };
}

/** Only the columns named in the changes are written. */
function toEntityChanges({ deadlines, deadlineAlerts, ...scalars }: ApplicationChanges): Partial<ApplicationEntity> {
  return {
    ...scalars,
    ...(deadlines !== undefined ? { deadlines: [...deadlines] } : {}),
    ...(deadlineAlerts !== undefined ? { deadlineAlerts: [...deadlineAlerts] } : {}),
  };
}

function toStatusRecord(entity: ApplicationStatusEntity): ApplicationStatusRecord {
  return {
    applicationId: entity.applicationId,
    status: entity.status as ApplicationStatus,
    reasonCode: entity.reasonCode,
    occurredAt: entity.occurredAt,
    eventId: entity.eventId,
  };
}

function toDecisionRecord(entity: DecisionEntity): DecisionRecord {
  return {
    id: entity.id,
    applicationId: entity.applicationId,
    kind: entity.kind as DecisionKind,
    resultingStatus: entity.resultingStatus as ApplicationStatus,
    reasonCode: entity.reasonCode,
    findings: entity.findings,
    ruleVersion: entity.ruleVersion,
    sponsorRegisterVersion: entity.sponsorRegisterVersion,
    evidenceUsed: entity.evidenceUsed.map((used) => ({
      evidenceId: used.evidenceId,
      evidenceType: used.evidenceType as EvidenceType,
      contentCommitment: used.contentCommitment ?? '',
    })),
    evidenceSetAside: entity.evidenceSetAside.map((aside) => ({
      ...aside,
      evidenceType: aside.evidenceType as EvidenceType,
      reason: aside.reason as EvidenceSetAsideReason,
    })),
    decidedOn: entity.decidedOn,
    decidedAt: entity.decidedAt,
    sponsorNotificationId: entity.sponsorNotificationId,
    salaryAssessment: entity.salaryAssessment,
  };
}

function toDecisionEntity(decision: DecisionRecord): DecisionEntity {
  return {
    ...decision,
    findings: [...decision.findings],
    // Field by field: the stored JSON keeps exactly these keys, whatever else a caller's object carries.
    evidenceUsed: decision.evidenceUsed.map(({ evidenceId, evidenceType, contentCommitment }) => ({
      evidenceId,
      evidenceType,
      contentCommitment,
    })),
    evidenceSetAside: decision.evidenceSetAside.map(({ evidenceId, evidenceType, reason }) => ({ evidenceId, evidenceType, reason })),
  };
}

function toNotificationRecord(entity: SponsorNotificationEntity): SponsorNotificationRecord {
  return {
    sponsorOin: entity.sponsorOin,
    notificationId: entity.notificationId,
    applicationId: entity.applicationId,
    change: entity.change as SponsorChange,
    factDate: entity.factDate,
    reportedOn: entity.reportedOn,
    effect: entity.effect as NotificationEffect,
    reportedLate: entity.reportedLate,
    receivedAt: entity.receivedAt,
  };
}

/** The IND's case file in PostgreSQL. Methods taking a manager run in the caller's transaction. */
@Injectable()
export class ApplicationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findBySponsorReference(sponsorOin: string, sponsorReference: string): Promise<ApplicationRecord | null> {
    const entity = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ sponsorOin, sponsorReference });
    return entity && toApplicationRecord(entity);
  }

  async findById(id: string): Promise<ApplicationRecord | null> {
    const entity = await this.dataSource.getRepository(ApplicationEntity).findOneBy({ id });
    return entity && toApplicationRecord(entity);
  }

  /** The case, locked until the transaction ends: assessments, notifications and extensions take turns. */
  async lock(tx: EntityManager, id: string): Promise<ApplicationRecord | null> {
    const entity = await tx.getRepository(ApplicationEntity).findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
    return entity && toApplicationRecord(entity);
  }

  /** False when the sponsor reference is already taken (a concurrent filing of the same application). */
  async insert(tx: EntityManager, application: ApplicationRecord): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(ApplicationEntity)
      .values(toApplicationEntity(application))
      .orIgnore()
      .returning('id')
      .execute();
    return Array.isArray(result.raw) && result.raw.length === 1;
  }

  async update(tx: EntityManager, id: string, changes: ApplicationChanges): Promise<void> {
    await tx.getRepository(ApplicationEntity).update({ id }, toEntityChanges(changes));
  }

  async appendHistory(tx: EntityManager, rows: readonly ApplicationStatusRecord[]): Promise<void> {
    if (rows.length > 0) await tx.getRepository(ApplicationStatusEntity).insert(rows.map((row) => ({ ...row })));
  }

  async insertDecisions(tx: EntityManager, decisions: readonly DecisionRecord[]): Promise<void> {
    if (decisions.length > 0) await tx.getRepository(DecisionEntity).insert(decisions.map(toDecisionEntity));
  }

  async insertNotification(tx: EntityManager, notification: SponsorNotificationRecord): Promise<void> {
    await tx.getRepository(SponsorNotificationEntity).insert({ ...notification });
  }

  async findNotification(tx: EntityManager, sponsorOin: string, notificationId: string): Promise<SponsorNotificationRecord | null> {
    const entity = await tx.getRepository(SponsorNotificationEntity).findOneBy({ sponsorOin, notificationId });
    return entity && toNotificationRecord(entity);
  }

  async view(application: ApplicationRecord): Promise<ApplicationView> {
    const [view] = await this.views([application]);
    return view;
  }

  /** Cases with their history, decisions, requests and notifications: four queries for any number of cases. */
  async views(applications: readonly ApplicationRecord[]): Promise<ApplicationView[]> {
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
      history: of(history, application.id).map(toStatusRecord),
      decisions: of(decisions, application.id).map(toDecisionRecord),
      requests: of(requests, application.id).map(toEvidenceRequestRecord),
      notifications: of(notifications, application.id).map(toNotificationRecord),
    }));
  }

  /** A page of cases in filing order; all of them for the IND, the caller's own for a sponsor. */
  async page(sponsorOin: string | null, pageSize: number, after: { createdAt: Date; id: string } | null): Promise<ApplicationRecord[]> {
    const query = this.dataSource
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .orderBy('a.created_at', 'ASC')
      .addOrderBy('a.id', 'ASC')
      .limit(pageSize);
    if (sponsorOin !== null) query.andWhere('a.sponsor_oin = :sponsorOin', { sponsorOin });
    if (after !== null) query.andWhere('(a.created_at, a.id) > (:createdAt, :id)', { createdAt: after.createdAt, id: after.id });
    return (await query.getMany()).map(toApplicationRecord);
  }

  /** Marks cases for (re)assessment; the worker picks them up, now or after a restart. */
  async flagForAssessment(tx: EntityManager, ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    await tx.query(`UPDATE ind_application SET needs_assessment = true, assessment_seq = assessment_seq + 1 WHERE id = ANY($1::uuid[])`, [
      ids,
    ]);
  }

  /**
   * Takes the lease of a flagged case, unless another assessor holds it. Returns the sequence number the
   * assessment answers to. The lease uses the database clock: it is about processes, not business time.
   */
  async claimForAssessment(id: string, leaseMs: number): Promise<number | null> {
    const rows = await this.dataSource.query<[{ assessment_seq: number }[], number]>(
      `UPDATE ind_application
          SET assessment_lease_until = now() + ($2::int * interval '1 millisecond')
        WHERE id = $1 AND needs_assessment AND (assessment_lease_until IS NULL OR assessment_lease_until < now())
        RETURNING assessment_seq`,
      [id, leaseMs],
    );
    const [updated] = rows;
    return updated.length === 1 ? updated[0].assessment_seq : null;
  }

  /** Ends an assessment; the flag stays up if something new arrived meanwhile (the sequence moved on). */
  async finishAssessment(id: string, seq: number): Promise<boolean> {
    const [rows] = await this.dataSource.query<[{ needs_assessment: boolean }[], number]>(
      `UPDATE ind_application
          SET assessment_lease_until = NULL,
              needs_assessment = (assessment_seq <> $2)
        WHERE id = $1
        RETURNING needs_assessment`,
      [id, seq],
    );
    return rows[0]?.needs_assessment ?? false;
  }

  async releaseLease(id: string): Promise<void> {
    await this.dataSource.query(`UPDATE ind_application SET assessment_lease_until = NULL WHERE id = $1`, [id]);
  }

  /** Flagged cases nobody holds, oldest reason first. */
  async findFlagged(limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<{ id: string }[]>(
      `SELECT id FROM ind_application
        WHERE needs_assessment AND (assessment_lease_until IS NULL OR assessment_lease_until < now())
        ORDER BY updated_at LIMIT $1`,
      [limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Flags waiting cases whose pending hub request nobody looked at since `before`: the safety net for a
   * completion event this instance never got (dead-lettered, or consumed by another consumer group member).
   */
  async flagStaleWaits(before: Date, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query<[{ id: string }[], number]>(
      `UPDATE ind_application a SET needs_assessment = true, assessment_seq = assessment_seq + 1
        WHERE a.id IN (
          SELECT r.application_id FROM ind_evidence_request r
           WHERE r.state = 'PENDING' AND r.updated_at < $1 AND r.application_id IS NOT NULL
           LIMIT $3)
          AND NOT a.needs_assessment AND a.status = ANY($2::text[])
        RETURNING a.id`,
      [before, WAITING_STATUSES, limit],
    );
    return rows[0].map((row) => row.id);
  }

  /** Cases of a person that are still waiting for something, for the evidence.verified consumer. */
  async findWaitingForSubject(tx: EntityManager, subjectPseudonym: string): Promise<ApplicationRecord[]> {
    const entities = await tx
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.subject_pseudonym = :subjectPseudonym', { subjectPseudonym })
      .andWhere('a.status IN (:...statuses)', {
        statuses: WAITING_STATUSES,
      })
      .getMany();
    return entities.map(toApplicationRecord);
  }

  /** The family members filed together with a main application (decided with it). */
  async familyMemberIds(tx: EntityManager, mainApplicationId: string): Promise<string[]> {
    const entities = await tx.getRepository(ApplicationEntity).find({ select: { id: true }, where: { mainApplicationId } });
    return entities.map((entity) => entity.id);
  }

  /**
   * The DEGREE_AWARDED evidence ids on which this person was granted an orientation year before, in any case but
   * `exceptId` (the once-per-completion rule, DOMAIN.md §1.6). A grant later withdrawn still used the completion.
   */
  async orientationYearCompletionsUsed(subjectPseudonym: string, exceptId: string): Promise<string[]> {
    const rows: { evidence_id: string }[] = await this.dataSource.query(
      `SELECT DISTINCT used->>'evidenceId' AS evidence_id
         FROM ind_decision d
         JOIN ind_application a ON a.id = d.application_id
         CROSS JOIN LATERAL jsonb_array_elements(d.evidence_used) AS used
        WHERE a.subject_pseudonym = $1 AND a.id <> $2 AND a.category = $3
          AND d.kind = 'APPLICATION' AND d.resulting_status = $4 AND used->>'evidenceType' = $5`,
      [subjectPseudonym, exceptId, 'PERMIT_CATEGORY_ORIENTATION_YEAR', 'APPLICATION_STATUS_GRANTED', 'EVIDENCE_TYPE_DEGREE_AWARDED'],
    );
    return rows.map((row) => row.evidence_id);
  }

  /** Open cases for the deadline check, locked (others skip them) for the transaction. */
  async lockOpenBatch(tx: EntityManager, afterId: string, limit: number): Promise<ApplicationRecord[]> {
    const entities = await tx
      .getRepository(ApplicationEntity)
      .createQueryBuilder('a')
      .where('a.status IN (:...statuses)', { statuses: OPEN_STATUSES })
      .andWhere('a.id > :afterId', { afterId })
      .orderBy('a.id', 'ASC')
      .limit(limit)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getMany();
    return entities.map(toApplicationRecord);
  }
}
