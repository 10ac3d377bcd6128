import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { IssuableEvidenceType } from '../catalogue/evidence-payload.bindings';
import type { EvidenceRecord } from './evidence';

interface EvidenceRow {
  id: string;
  evidence_type: string;
  subject_pseudonym: string;
  issuer_oin: string;
  issuer_sub_unit: string;
  source_reference: string;
  schema_version: number;
  payload: Buffer;
  content_sha256: string;
  content_commitment: string;
  issued_at: Date;
  verified_at: Date;
  valid_until: Date;
  revoked_at: Date | null;
  revocation_reason: string | null;
}

const COLUMNS = `id, evidence_type, subject_pseudonym, issuer_oin, issuer_sub_unit, source_reference, schema_version, payload,
  content_sha256, content_commitment, issued_at, verified_at, valid_until, revoked_at, revocation_reason`;

function toRecord(row: EvidenceRow): EvidenceRecord {
  return {
    id: row.id,
    evidenceType: row.evidence_type as IssuableEvidenceType,
    subjectPseudonym: row.subject_pseudonym,
    issuerOin: row.issuer_oin,
    issuerSubUnit: row.issuer_sub_unit,
    sourceReference: row.source_reference,
    schemaVersion: row.schema_version,
    payload: row.payload,
    contentSha256: row.content_sha256,
    contentCommitment: row.content_commitment,
    issuedAt: row.issued_at,
    verifiedAt: row.verified_at,
    validUntil: row.valid_until,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason,
  };
}

/** A signed 64-bit advisory lock key for one subject and evidence type. */
export function subjectLockKey(evidenceType: string, subjectPseudonym: string): string {
  return createHash('sha256').update(`welkom:evidence-subject:${evidenceType}:${subjectPseudonym}`).digest().readBigInt64BE(0).toString();
}

@Injectable()
export class EvidenceRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Stores the evidence with the salt that opens its commitment (the salt is never read back out). */
  async insert(tx: EntityManager, evidence: EvidenceRecord, commitmentSalt: Buffer): Promise<void> {
    await tx.query(
      `INSERT INTO evidence (${COLUMNS}, commitment_salt) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)`,
      [
        evidence.id,
        evidence.evidenceType,
        evidence.subjectPseudonym,
        evidence.issuerOin,
        evidence.issuerSubUnit,
        evidence.sourceReference,
        evidence.schemaVersion,
        Buffer.from(evidence.payload),
        evidence.contentSha256,
        evidence.contentCommitment,
        evidence.issuedAt,
        evidence.verifiedAt,
        evidence.validUntil,
        evidence.revokedAt,
        evidence.revocationReason,
        commitmentSalt,
      ],
    );
  }

  /**
   * Serialises, per subject and evidence type, issuing against registering a pending request: whichever
   * commits second sees the other, so a request never waits for evidence that is already in the vault.
   * Keys are taken in sorted order, so two transactions holding several keys cannot deadlock.
   */
  async lockSubjects(tx: EntityManager, keys: readonly { evidenceType: string; subjectPseudonym: string }[]): Promise<void> {
    const lockKeys = [...new Set(keys.map((key) => subjectLockKey(key.evidenceType, key.subjectPseudonym)))].sort();
    if (lockKeys.length === 0) return;
    await tx.query('SELECT pg_advisory_xact_lock(k) FROM (SELECT k FROM unnest($1::bigint[]) AS k ORDER BY k) AS sorted', [lockKeys]);
  }

  async findBySourceReference(
    tx: EntityManager,
    issuerOin: string,
    evidenceType: string,
    sourceReference: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<EvidenceRecord | null> {
    const rows = await tx.query<EvidenceRow[]>(
      `SELECT ${COLUMNS} FROM evidence WHERE issuer_oin = $1 AND evidence_type = $2 AND source_reference = $3${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [issuerOin, evidenceType, sourceReference],
    );
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  async findById(tx: EntityManager | null, id: string, options: { forUpdate?: boolean } = {}): Promise<EvidenceRecord | null> {
    const rows = await (tx ?? this.dataSource).query<EvidenceRow[]>(
      `SELECT ${COLUMNS} FROM evidence WHERE id = $1${options.forUpdate ? ' FOR UPDATE' : ''}`,
      [id],
    );
    return rows.length > 0 ? toRecord(rows[0]) : null;
  }

  /** Every piece of evidence about these subjects and types (the vault holds few per subject and type). */
  async findForSubjects(tx: EntityManager, keys: readonly { evidenceType: string; subjectPseudonym: string }[]): Promise<EvidenceRecord[]> {
    if (keys.length === 0) return [];
    const rows = await tx.query<EvidenceRow[]>(
      `SELECT ${COLUMNS} FROM evidence
       WHERE (evidence_type, subject_pseudonym) IN (SELECT t, s FROM unnest($1::text[], $2::text[]) AS k(t, s))`,
      [keys.map((key) => key.evidenceType), keys.map((key) => key.subjectPseudonym)],
    );
    return rows.map(toRecord);
  }

  async markRevoked(tx: EntityManager, id: string, revokedAt: Date, reason: string): Promise<void> {
    await tx.query('UPDATE evidence SET revoked_at = $2, revocation_reason = $3 WHERE id = $1 AND revoked_at IS NULL', [
      id,
      revokedAt,
      reason,
    ]);
  }
}
