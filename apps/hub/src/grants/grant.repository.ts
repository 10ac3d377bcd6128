import { Injectable } from '@nestjs/common';
import type { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { DataSource, type EntityManager } from 'typeorm';
import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';
import type { RelationKind } from '../relations/subject-relation';
import type { GrantRecord } from './grant';

interface GrantRow {
  id: string;
  requester_oin: string | null;
  requester_role: string | null;
  requester_sub_unit: string;
  evidence_type: string;
  purpose: string;
  legal_basis: string;
  allowed_fields: string[];
  valid_from: Date;
  valid_to: Date;
  requires_explicit_request: boolean;
  required_relation: string | null;
  created_at: Date;
  created_by: string;
  ended_at: Date | null;
  ended_by: string | null;
  end_reason: string | null;
  proposed_by: string | null;
  approved_at: Date | null;
  approved_by: string | null;
}

const COLUMNS = `id, requester_oin, requester_role, requester_sub_unit, evidence_type, purpose, legal_basis, allowed_fields,
  valid_from, valid_to, requires_explicit_request, created_at, created_by, ended_at, ended_by, end_reason, required_relation,
  proposed_by, approved_at, approved_by`;

function toRecord(row: GrantRow): GrantRecord {
  return {
    id: row.id,
    requesterOin: row.requester_oin,
    requesterRole: row.requester_role as PartyRole | null,
    requesterSubUnit: row.requester_sub_unit,
    evidenceType: row.evidence_type as IssuableEvidenceType,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    allowedFields: row.allowed_fields,
    validFrom: row.valid_from,
    validTo: row.valid_to,
    requiresExplicitRequest: row.requires_explicit_request,
    requiredRelation: row.required_relation as RelationKind | null,
    createdAt: row.created_at,
    createdBy: row.created_by,
    endedAt: row.ended_at,
    endedBy: row.ended_by,
    endReason: row.end_reason,
    proposedBy: row.proposed_by,
    approvedAt: row.approved_at,
    approvedBy: row.approved_by,
  };
}

@Injectable()
export class GrantRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tx: EntityManager, grant: GrantRecord): Promise<void> {
    await tx.query(
      `INSERT INTO evidence_grant (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20)`,
      [
        grant.id,
        grant.requesterOin,
        grant.requesterRole,
        grant.requesterSubUnit,
        grant.evidenceType,
        grant.purpose,
        grant.legalBasis,
        grant.allowedFields,
        grant.validFrom,
        grant.validTo,
        grant.requiresExplicitRequest,
        grant.createdAt,
        grant.createdBy,
        grant.endedAt,
        grant.endedBy,
        grant.endReason,
        grant.requiredRelation,
        grant.proposedBy,
        grant.approvedAt,
        grant.approvedBy,
      ],
    );
  }

  /** Four-eyes: the second operator's approval puts the grant in force. */
  async markApproved(tx: EntityManager, grant: GrantRecord): Promise<void> {
    await tx.query('UPDATE evidence_grant SET approved_at = $2, approved_by = $3 WHERE id = $1', [
      grant.id,
      grant.approvedAt,
      grant.approvedBy,
    ]);
  }

  /** Locks the grant until the transaction ends, so two operators cannot end or approve it at once. */
  async findForUpdate(tx: EntityManager, id: string): Promise<GrantRecord | null> {
    const rows = await tx.query<GrantRow[]>(`SELECT ${COLUMNS} FROM evidence_grant WHERE id = $1 FOR UPDATE`, [id]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async markEnded(tx: EntityManager, grant: GrantRecord): Promise<void> {
    await tx.query('UPDATE evidence_grant SET ended_at = $2, ended_by = $3, end_reason = $4, valid_to = $5 WHERE id = $1', [
      grant.id,
      grant.endedAt,
      grant.endedBy,
      grant.endReason,
      grant.validTo,
    ]);
  }

  async findById(id: string): Promise<GrantRecord | null> {
    const rows = await this.dataSource.query<GrantRow[]>(`SELECT ${COLUMNS} FROM evidence_grant WHERE id = $1`, [id]);
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async list(evidenceType: IssuableEvidenceType | null): Promise<GrantRecord[]> {
    const rows = await this.dataSource.query<GrantRow[]>(
      `SELECT ${COLUMNS} FROM evidence_grant WHERE ($1::text IS NULL OR evidence_type = $1) ORDER BY created_at, id`,
      [evidenceType],
    );
    return rows.map(toRecord);
  }

  /**
   * Grants that could apply to these requesters for these evidence types at `at` (approved, not ended, in their
   * validity period). The caller still matches purpose, legal basis and sub-unit.
   */
  async findApplicable(query: {
    oins: readonly string[];
    roles: readonly string[];
    evidenceTypes: readonly string[] | null;
    at: Date;
  }): Promise<GrantRecord[]> {
    const rows = await this.dataSource.query<GrantRow[]>(
      `SELECT ${COLUMNS} FROM evidence_grant
       WHERE ended_at IS NULL AND approved_at IS NOT NULL AND valid_from <= $4 AND valid_to > $4
         AND ($3::text[] IS NULL OR evidence_type = ANY($3::text[]))
         AND (requester_oin = ANY($1::char(20)[]) OR requester_role = ANY($2::text[]))
       ORDER BY created_at, id`,
      [query.oins, query.roles, query.evidenceTypes, query.at],
    );
    return rows.map(toRecord);
  }
}
