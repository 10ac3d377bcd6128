import { Injectable } from '@nestjs/common';
import type { Transaction } from '@welkom/persistence';
import { DataSource } from 'typeorm';
import type { OperatorRevocationRecord } from './operator-revocation';

interface RevocationRow {
  operator_id: string;
  revoked_at: Date;
  revoked_by: string;
  reason: string;
  audit_sequence: string;
}

const COLUMNS = 'operator_id, revoked_at, revoked_by, reason, audit_sequence';

/**
 * The hub's record of revoked operators. Read on every operator call (there are few), never cached: a revocation
 * must stop the next call of the revoked operator, on every replica of the hub.
 */
@Injectable()
export class OperatorRevocationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(operatorId: string, tx?: Transaction): Promise<OperatorRevocationRecord | undefined> {
    const rows = await (tx ?? this.dataSource).query<RevocationRow[]>(`SELECT ${COLUMNS} FROM operator_revocation WHERE operator_id = $1`, [
      operatorId,
    ]);
    return rows.length === 0 ? undefined : toRecord(rows[0]);
  }

  /** Inserts the revocation; false when the operator was revoked already (by a concurrent call, say). */
  async insert(tx: Transaction, revocation: OperatorRevocationRecord): Promise<boolean> {
    const rows = await tx.query<{ operator_id: string }[]>(
      `INSERT INTO operator_revocation (${COLUMNS}) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (operator_id) DO NOTHING RETURNING operator_id`,
      [revocation.operatorId, revocation.revokedAt, revocation.revokedBy, revocation.reason, revocation.auditSequence],
    );
    return rows.length === 1;
  }
}

function toRecord(row: RevocationRow): OperatorRevocationRecord {
  return {
    operatorId: row.operator_id,
    revokedAt: row.revoked_at,
    revokedBy: row.revoked_by,
    reason: row.reason,
    auditSequence: String(row.audit_sequence),
  };
}
