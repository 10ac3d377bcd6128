import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { type PreparedStatement, queryPrepared } from '@welkom/persistence';
import { type AuditDraft, type AuditRecord, type ChainHead, entryContent, SUBJECT_ACCESS_LISTED } from './audit-chain';

interface AuditRow {
  sequence: string;
  occurred_at: Date;
  actor_oin: string;
  actor_sub_unit: string;
  action: AuditRecord['action'];
  reason: string | null;
  subject_pseudonym: string | null;
  evidence_type: string | null;
  evidence_id: string | null;
  request_id: string | null;
  grant_id: string | null;
  purpose: string | null;
  legal_basis: string | null;
  disclosed_fields: string[] | null;
  explicit_request_by_person: boolean | null;
  actor_operator: string | null;
  previous_hash: string;
  entry_hash: string;
}

const CONTENT_COLUMNS = `occurred_at, actor_oin, actor_sub_unit, action, reason, subject_pseudonym, evidence_type, evidence_id,
  request_id, grant_id, purpose, legal_basis, disclosed_fields, explicit_request_by_person, actor_operator`;
const COLUMNS = `sequence, ${CONTENT_COLUMNS}, previous_hash, entry_hash`;

/**
 * Appends a batch in one statement: lock the chain head, link every entry to the one before (the hash is
 * computed here, by the same rule as `chainHash` in audit-chain.ts), insert them and move the head. One
 * statement is one transaction when no other is open, so a batch of read-only answers needs a single round
 * trip to be recorded; inside a transaction it simply joins it.
 */
const APPEND: PreparedStatement = {
  name: 'hub_audit_append_v2',
  text: `
  WITH RECURSIVE
  input AS (
    SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(
      n int, content text, occurred_at timestamptz, actor_oin char(20), actor_sub_unit text, action text, reason text,
      subject_pseudonym text, evidence_type text, evidence_id uuid, request_id uuid, grant_id uuid, purpose text,
      legal_basis text, disclosed_fields text[], explicit_request_by_person boolean, actor_operator text)
  ),
  head AS (SELECT last_sequence, last_hash::text AS last_hash FROM audit_chain_head WHERE id = 1 FOR UPDATE),
  chain AS (
    SELECT i.n, h.last_sequence + 1 AS sequence, h.last_hash AS previous_hash,
           encode(sha256(convert_to((h.last_sequence + 1)::text || E'\\n' || h.last_hash || E'\\n' || i.content, 'UTF8')), 'hex') AS entry_hash
      FROM input i CROSS JOIN head h WHERE i.n = 1
    UNION ALL
    SELECT i.n, c.sequence + 1, c.entry_hash,
           encode(sha256(convert_to((c.sequence + 1)::text || E'\\n' || c.entry_hash || E'\\n' || i.content, 'UTF8')), 'hex')
      FROM chain c JOIN input i ON i.n = c.n + 1
  ),
  inserted AS (
    INSERT INTO audit_entry (${COLUMNS})
    SELECT c.sequence, ${CONTENT_COLUMNS.split(',')
      .map((column) => `i.${column.trim()}`)
      .join(', ')}, c.previous_hash, c.entry_hash
      FROM chain c JOIN input i USING (n)
    RETURNING sequence, previous_hash, entry_hash
  ),
  moved AS (
    UPDATE audit_chain_head
       SET last_sequence = (SELECT max(sequence) FROM chain),
           last_hash = (SELECT entry_hash FROM chain ORDER BY n DESC LIMIT 1)
     WHERE id = 1
  )
  SELECT sequence, previous_hash, entry_hash FROM inserted ORDER BY sequence`,
};

function toRecord(row: AuditRow): AuditRecord {
  return {
    sequence: String(row.sequence),
    occurredAt: row.occurred_at,
    actorOin: row.actor_oin,
    actorSubUnit: row.actor_sub_unit,
    action: row.action,
    reason: row.reason,
    subjectPseudonym: row.subject_pseudonym,
    evidenceType: row.evidence_type,
    evidenceId: row.evidence_id,
    requestId: row.request_id,
    grantId: row.grant_id,
    purpose: row.purpose,
    legalBasis: row.legal_basis,
    disclosedFields: row.disclosed_fields,
    explicitRequestByPerson: row.explicit_request_by_person,
    actorOperator: row.actor_operator,
    previousHash: row.previous_hash,
    entryHash: row.entry_hash,
  };
}

function toInput(draft: AuditDraft, n: number): Record<string, unknown> {
  return {
    n,
    content: entryContent(draft),
    occurred_at: draft.occurredAt.toISOString(),
    actor_oin: draft.actorOin,
    actor_sub_unit: draft.actorSubUnit,
    action: draft.action,
    reason: draft.reason,
    subject_pseudonym: draft.subjectPseudonym,
    evidence_type: draft.evidenceType,
    evidence_id: draft.evidenceId,
    request_id: draft.requestId,
    grant_id: draft.grantId,
    purpose: draft.purpose,
    legal_basis: draft.legalBasis,
    disclosed_fields: draft.disclosedFields,
    explicit_request_by_person: draft.explicitRequestByPerson,
    actor_operator: draft.actorOperator,
  };
}

@Injectable()
export class AuditTrailRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Appends entries to the chain: inside the caller's transaction `tx`, so they commit with what they record
   * or not at all; or, with `tx` null, as a statement of its own (committed when this resolves). The head
   * row stays locked until that transaction ends: appends are serialised, which is what a chain needs, so
   * call it as the last step. Batching many answers into one append keeps the lock from limiting throughput.
   */
  async append(tx: EntityManager | null, drafts: readonly AuditDraft[]): Promise<AuditRecord[]> {
    if (drafts.length === 0) return [];
    const rows = await queryPrepared<{ sequence: string; previous_hash: string; entry_hash: string }>(tx ?? this.dataSource, APPEND, [
      JSON.stringify(drafts.map((draft, index) => toInput(draft, index + 1))),
    ]);
    if (rows.length !== drafts.length) throw new Error(`Audit append stored ${rows.length} of ${drafts.length} entries`);
    return drafts.map((draft, index) => ({
      ...draft,
      sequence: String(rows[index].sequence),
      previousHash: rows[index].previous_hash,
      entryHash: rows[index].entry_hash,
    }));
  }

  /**
   * The chain head and the highest stored sequence, read in one statement (one snapshot): entries and head
   * commit together, so they differ only when someone wrote entries around the hub.
   */
  async head(): Promise<ChainHead & { highestStoredSequence: string }> {
    const [row] = await this.dataSource.query<{ last_sequence: string; last_hash: string; highest: string }[]>(
      `SELECT h.last_sequence, h.last_hash, (SELECT coalesce(max(sequence), 0) FROM audit_entry) AS highest
       FROM audit_chain_head h WHERE h.id = 1`,
    );
    return { sequence: String(row.last_sequence), hash: row.last_hash, highestStoredSequence: String(row.highest) };
  }

  /** Entries after `afterSequence` up to `upToSequence`, in chain order. */
  async page(afterSequence: string, upToSequence: string, limit: number): Promise<AuditRecord[]> {
    const rows = await this.dataSource.query<AuditRow[]>(
      `SELECT ${COLUMNS} FROM audit_entry WHERE sequence > $1 AND sequence <= $2 ORDER BY sequence LIMIT $3`,
      [afterSequence, upToSequence, limit],
    );
    return rows.map(toRecord);
  }

  /** One entry, or null when the chain holds no entry with that sequence. */
  async entry(sequence: string): Promise<AuditRecord | null> {
    const rows = await this.dataSource.query<AuditRow[]>(`SELECT ${COLUMNS} FROM audit_entry WHERE sequence = $1`, [sequence]);
    return rows.length === 0 ? null : toRecord(rows[0]);
  }

  /**
   * Entries about one subject, in chain order, read inside `tx` (the transaction that records the read).
   * Reads of the log itself are left out: each read appends one, and listing them would make every page
   * call grow the log it pages through.
   */
  /** Entries about any of `subjectPseudonyms` (a subject and those merged into it), in chain order. */
  async pageForSubject(
    tx: EntityManager,
    subjectPseudonyms: readonly string[],
    afterSequence: string,
    limit: number,
  ): Promise<AuditRecord[]> {
    const rows = await tx.query<AuditRow[]>(
      `SELECT ${COLUMNS} FROM audit_entry
        WHERE subject_pseudonym = ANY($1::text[]) AND sequence > $2 AND action <> $3 ORDER BY sequence LIMIT $4`,
      [subjectPseudonyms, afterSequence, SUBJECT_ACCESS_LISTED, limit],
    );
    return rows.map(toRecord);
  }
}
