import { Injectable } from '@nestjs/common';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { DataSource, type EntityManager } from 'typeorm';
import { EvidenceRequestEntity } from './application.entity';
import type { EvidenceRequestRecord, EvidenceRequestState } from './evidence-request';

/** The row as services see it; shared with the case repository, which reads a case's requests with it. */
export function toEvidenceRequestRecord(entity: EvidenceRequestEntity): EvidenceRequestRecord {
  return {
    id: entity.id,
    hubRequestId: entity.hubRequestId,
    applicationId: entity.applicationId,
    evidenceType: entity.evidenceType as EvidenceType,
    state: entity.state as EvidenceRequestState,
    requestedAt: entity.requestedAt,
    deadline: entity.deadline,
    evidenceId: entity.evidenceId,
    refusalReason: entity.refusalReason,
    updatedAt: entity.updatedAt,
  };
}

/** The IND's requests to the hub, and what the hub said about them since. */
@Injectable()
export class EvidenceRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findForCase(tx: EntityManager | null, applicationId: string): Promise<EvidenceRequestRecord[]> {
    const manager = tx ?? this.dataSource.manager;
    const entities = await manager
      .getRepository(EvidenceRequestEntity)
      .find({ where: { applicationId }, order: { updatedAt: 'ASC', id: 'ASC' } });
    return entities.map(toEvidenceRequestRecord);
  }

  /**
   * Records that the hub registered (or still has) a pending request for the case; a follow-up that found it
   * still pending moves `updated_at`, which is when the reconciliation looks again. If the completion or expiry event came
   * first (the row exists without a case), the row is claimed for the case and its state returned, so the
   * caller knows to assess again at once.
   */
  async recordPending(
    tx: EntityManager,
    row: { id: string; hubRequestId: string; applicationId: string; evidenceType: string; requestedAt: Date; deadline: Date; now: Date },
  ): Promise<EvidenceRequestState> {
    const [result] = await tx.query<{ state: EvidenceRequestState }[]>(
      `INSERT INTO ind_evidence_request (id, hub_request_id, application_id, evidence_type, state, requested_at, deadline, updated_at)
       VALUES ($1, $2, $3, $4, 'PENDING', $5, $6, $7)
       ON CONFLICT (hub_request_id) DO UPDATE
          SET application_id = EXCLUDED.application_id, requested_at = EXCLUDED.requested_at, deadline = EXCLUDED.deadline,
              updated_at = CASE WHEN ind_evidence_request.state = 'PENDING' THEN EXCLUDED.updated_at ELSE ind_evidence_request.updated_at END
       RETURNING state`,
      [row.id, row.hubRequestId, row.applicationId, row.evidenceType, row.requestedAt, row.deadline, row.now],
    );
    return result.state;
  }

  /**
   * What the hub's event says about a request (completed, expired). Returns the case it belongs to, or null
   * when the IND has not committed that request yet (then the row waits for recordPending).
   */
  async recordOutcome(
    tx: EntityManager,
    row: { id: string; hubRequestId: string; evidenceType: string; state: 'COMPLETED' | 'EXPIRED'; evidenceId: string | null; now: Date },
  ): Promise<string | null> {
    const [result] = await tx.query<{ application_id: string | null }[]>(
      `INSERT INTO ind_evidence_request (id, hub_request_id, application_id, evidence_type, state, evidence_id, updated_at)
       VALUES ($1, $2, NULL, $3, $4, $5, $6)
       ON CONFLICT (hub_request_id) DO UPDATE
          SET state = EXCLUDED.state, evidence_id = COALESCE(EXCLUDED.evidence_id, ind_evidence_request.evidence_id), updated_at = EXCLUDED.updated_at
       RETURNING application_id`,
      [row.id, row.hubRequestId, row.evidenceType, row.state, row.evidenceId, row.now],
    );
    return result.application_id;
  }

  /** The hub refused to answer: kept once per case and type (the latest reason), never asked of the applicant. */
  async recordRefusal(
    tx: EntityManager,
    row: { id: string; applicationId: string; evidenceType: string; reason: string; now: Date },
  ): Promise<void> {
    await tx.query(`DELETE FROM ind_evidence_request WHERE application_id = $1 AND evidence_type = $2 AND state = 'REFUSED'`, [
      row.applicationId,
      row.evidenceType,
    ]);
    await tx.query(
      `INSERT INTO ind_evidence_request (id, hub_request_id, application_id, evidence_type, state, refusal_reason, updated_at)
       VALUES ($1, NULL, $2, $3, 'REFUSED', $4, $5)`,
      [row.id, row.applicationId, row.evidenceType, row.reason, row.now],
    );
  }

  /**
   * Settles the case's other open requests of a type once the hub answered: COMPLETED when the evidence was
   * disclosed, EXPIRED when a newer request replaced them (the hub had let them run out).
   */
  async settle(
    tx: EntityManager,
    row: {
      applicationId: string;
      evidenceType: string;
      keepHubRequestId: string | null;
      state: 'COMPLETED' | 'EXPIRED';
      evidenceId: string | null;
      now: Date;
    },
  ): Promise<void> {
    await tx.query(
      `UPDATE ind_evidence_request
          SET state = $4, evidence_id = COALESCE(evidence_id, $5), updated_at = $6
        WHERE application_id = $1 AND evidence_type = $2 AND state IN ('PENDING', 'COMPLETED') AND hub_request_id IS DISTINCT FROM $3
          AND NOT (state = 'COMPLETED' AND $4 = 'EXPIRED')`,
      [row.applicationId, row.evidenceType, row.keepHubRequestId, row.state, row.evidenceId, row.now],
    );
  }
}
