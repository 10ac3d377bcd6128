import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';
import { queryRows } from '@welkom/persistence';
import type { EvidenceQuestionRecord, EvidenceRequestRecord, EvidenceRequestStatus } from './evidence-request';

interface RequestRow {
  id: string;
  requester_oin: string;
  requester_sub_unit: string;
  evidence_type: string;
  subject_pseudonym: string;
  purpose: string;
  legal_basis: string;
  explicit_request_by_person: boolean;
  grant_id: string;
  status: string;
  requested_at: Date | string;
  deadline: Date | string;
  completed_at: Date | string | null;
  evidence_id: string | null;
  expired_at: Date | string | null;
  routed_source_oin: string | null;
  question: EvidenceQuestionRecord | null;
}

const COLUMNS = `id, requester_oin, requester_sub_unit, evidence_type, subject_pseudonym, purpose, legal_basis,
  explicit_request_by_person, grant_id, status, requested_at, deadline, completed_at, evidence_id, expired_at, routed_source_oin,
  question`;

// Rows built from JSON inside a statement come back with timestamps as text.
const date = (value: Date | string): Date => (value instanceof Date ? value : new Date(value));
const optionalDate = (value: Date | string | null): Date | null => (value === null ? null : date(value));

function toRecord(row: RequestRow): EvidenceRequestRecord {
  return {
    id: row.id,
    requesterOin: row.requester_oin,
    requesterSubUnit: row.requester_sub_unit,
    evidenceType: row.evidence_type as IssuableEvidenceType,
    subjectPseudonym: row.subject_pseudonym,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    explicitRequestByPerson: row.explicit_request_by_person,
    grantId: row.grant_id,
    status: row.status as EvidenceRequestStatus,
    requestedAt: date(row.requested_at),
    deadline: date(row.deadline),
    completedAt: optionalDate(row.completed_at),
    evidenceId: row.evidence_id,
    expiredAt: optionalDate(row.expired_at),
    routedSourceOin: row.routed_source_oin,
    question: row.question,
  };
}

@Injectable()
export class EvidenceRequestRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Registers pending requests, one round trip for the batch. A requester that already waits for the same
   * evidence about the same subject for the same purpose gets that request back (`created: false`), not a
   * second one: asking twice does not ask the source twice.
   */
  async registerPending(
    tx: EntityManager,
    requests: readonly EvidenceRequestRecord[],
  ): Promise<{ request: EvidenceRequestRecord; created: boolean }[]> {
    if (requests.length === 0) return [];
    const input = requests.map((r) => ({
      id: r.id,
      requester_oin: r.requesterOin,
      requester_sub_unit: r.requesterSubUnit,
      evidence_type: r.evidenceType,
      subject_pseudonym: r.subjectPseudonym,
      purpose: r.purpose,
      legal_basis: r.legalBasis,
      explicit_request_by_person: r.explicitRequestByPerson,
      grant_id: r.grantId,
      status: 'PENDING',
      requested_at: r.requestedAt.toISOString(),
      deadline: r.deadline.toISOString(),
      routed_source_oin: r.routedSourceOin,
      question: r.question,
    }));
    const rows = await tx.query<(RequestRow & { created: boolean })[]>(
      `WITH input AS (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
           id uuid, requester_oin char(20), requester_sub_unit text, evidence_type text, subject_pseudonym text, purpose text,
           legal_basis text, explicit_request_by_person boolean, grant_id uuid, status text, requested_at timestamptz,
           deadline timestamptz, routed_source_oin char(20), question jsonb)
       ),
       inserted AS (
         INSERT INTO evidence_request (id, requester_oin, requester_sub_unit, evidence_type, subject_pseudonym, purpose, legal_basis,
                                       explicit_request_by_person, grant_id, status, requested_at, deadline, routed_source_oin, question)
         SELECT id, requester_oin, requester_sub_unit, evidence_type, subject_pseudonym, purpose, legal_basis,
                explicit_request_by_person, grant_id, status, requested_at, deadline, routed_source_oin, question FROM input
         ON CONFLICT (requester_oin, requester_sub_unit, evidence_type, subject_pseudonym, purpose) WHERE status = 'PENDING' DO NOTHING
         RETURNING ${COLUMNS}
       )
       SELECT ${COLUMNS}, true AS created FROM inserted
       UNION ALL
       SELECT ${COLUMNS.split(',')
         .map((c) => `e.${c.trim()}`)
         .join(', ')}, false AS created
         FROM evidence_request e
        WHERE e.status = 'PENDING'
          AND (e.requester_oin, e.requester_sub_unit, e.evidence_type, e.subject_pseudonym, e.purpose) IN
              (SELECT requester_oin, requester_sub_unit, evidence_type, subject_pseudonym, purpose FROM input)`,
      [JSON.stringify(input)],
    );
    const byKey = new Map(rows.map((row) => [openKey(toRecord(row)), { request: toRecord(row), created: row.created }]));
    return requests.map((request) => {
      const found = byKey.get(openKey(request));
      if (!found) throw new Error(`Pending request ${request.id} was neither registered nor found`);
      // Two requests of one batch for the same key: only the first one created it.
      if (found.created && found.request.id !== request.id) return { request: found.request, created: false };
      return found;
    });
  }

  /**
   * Completes the pending requests for this subject and type that the issuer may complete: those routed to
   * it, and unrouted ones (no source could see them, and the issuer does hold evidence about this person).
   * A request routed to another source stays pending for that source.
   */
  async completePending(
    tx: EntityManager,
    query: { evidenceType: string; subjectPseudonym: string; evidenceId: string; issuerOin: string; at: Date },
  ): Promise<EvidenceRequestRecord[]> {
    const rows = queryRows<RequestRow>(
      await tx.query(
        `UPDATE evidence_request SET status = 'COMPLETED', completed_at = $4, evidence_id = $3
          WHERE status = 'PENDING' AND evidence_type = $1 AND subject_pseudonym = $2
            AND (routed_source_oin IS NULL OR routed_source_oin = $5)
          RETURNING ${COLUMNS}`,
        [query.evidenceType, query.subjectPseudonym, query.evidenceId, query.at, query.issuerOin],
      ),
    );
    return rows.map(toRecord);
  }

  /**
   * Expires pending requests past their deadline, oldest first. SKIP LOCKED: a request that an issuing
   * transaction is completing right now is left to it, and two hub instances never expire the same one.
   */
  async expireDue(tx: EntityManager, at: Date, limit: number): Promise<EvidenceRequestRecord[]> {
    const rows = queryRows<RequestRow>(
      await tx.query(
        `UPDATE evidence_request SET status = 'EXPIRED', expired_at = $1
          WHERE id IN (SELECT id FROM evidence_request WHERE status = 'PENDING' AND deadline <= $1
                       ORDER BY deadline LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING ${COLUMNS}`,
        [at, limit],
      ),
    );
    return rows.map(toRecord);
  }

  async findById(id: string): Promise<EvidenceRequestRecord | null> {
    const rows = await this.dataSource.query<RequestRow[]>(`SELECT ${COLUMNS} FROM evidence_request WHERE id = $1`, [id]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  /** Pending requests routed to this source, for the types it may still issue (its roles may have changed). */
  async listPendingRoutedTo(sourceOin: string, evidenceTypes: readonly string[], limit: number): Promise<EvidenceRequestRecord[]> {
    if (evidenceTypes.length === 0) return [];
    const rows = await this.dataSource.query<RequestRow[]>(
      `SELECT ${COLUMNS} FROM evidence_request
        WHERE status = 'PENDING' AND routed_source_oin = $1 AND evidence_type = ANY($2::text[])
        ORDER BY deadline, id LIMIT $3`,
      [sourceOin, evidenceTypes, limit],
    );
    return rows.map(toRecord);
  }

  /**
   * Marks the requests whose subject identifier the routed source sees for the first time; returns their ids. Run
   * in the transaction that appends their audit entries, so a disclosure is never marked without its entry.
   */
  async claimFirstDisclosures(tx: EntityManager, ids: readonly string[], at: Date): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    // An UPDATE answers [rows, count] through TypeORM: queryRows takes the rows.
    const rows = queryRows<{ id: string }>(
      await tx.query(
        `UPDATE evidence_request SET identifier_disclosed_at = $2
          WHERE id = ANY($1::uuid[]) AND identifier_disclosed_at IS NULL RETURNING id`,
        [ids, at],
      ),
    );
    return new Set(rows.map((row) => row.id));
  }
}

function openKey(
  request: Pick<EvidenceRequestRecord, 'requesterOin' | 'requesterSubUnit' | 'evidenceType' | 'subjectPseudonym' | 'purpose'>,
): string {
  return [request.requesterOin, request.requesterSubUnit, request.evidenceType, request.subjectPseudonym, request.purpose].join('\u0000');
}
