import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type PreparedStatement, queryPrepared, queryRows } from '@welkom/persistence';
import { DataSource, type EntityManager } from 'typeorm';
import type { MovedRows, SubjectLinkRecord } from './subject-link';

/** One lock for every link change: links are rare, and a merge must not interleave with another. */
const LINK_LOCK_KEY = createHash('sha256').update('welkom:subject-link').digest().readBigInt64BE(0).toString();

/** Every evidence request batch resolves its subjects first: prepared once per connection, not planned per batch. */
const RESOLVE: PreparedStatement = {
  name: 'hub_subject_link_resolve_v1',
  text: 'SELECT member_pseudonym, subject_pseudonym FROM subject_link WHERE unlinked_at IS NULL AND member_pseudonym = ANY($1::text[])',
};

interface LinkRow {
  id: string;
  member_pseudonym: string;
  subject_pseudonym: string;
  identifier_kind: SubjectLinkRecord['identifierKind'];
  identifier_pseudonym: string;
  case_reference: string;
  linked_by: string;
  linked_at: Date;
  moved: MovedRows;
  unlinked_by: string | null;
  unlinked_at: Date | null;
  unlink_reason: string | null;
}

function toRecord(row: LinkRow): SubjectLinkRecord {
  return {
    id: row.id,
    memberPseudonym: row.member_pseudonym,
    subjectPseudonym: row.subject_pseudonym,
    identifierKind: row.identifier_kind,
    identifierPseudonym: row.identifier_pseudonym,
    caseReference: row.case_reference,
    linkedBy: row.linked_by.trim(),
    linkedAt: row.linked_at,
    moved: row.moved,
    unlinkedBy: row.unlinked_by?.trim() ?? null,
    unlinkedAt: row.unlinked_at,
    unlinkReason: row.unlink_reason,
  };
}

@Injectable()
export class SubjectLinkRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * The pseudonym each one resolves to: its active link's subject, else itself. Inside `tx` when given; an
   * issuing transaction passes its own and takes the shared side of the link lock, so a merge cannot move the
   * subject's rows between its resolving and its writing.
   */
  async resolve(tx: EntityManager | null, pseudonyms: readonly string[]): Promise<Map<string, string>> {
    const unique = [...new Set(pseudonyms)];
    const resolved = new Map(unique.map((pseudonym) => [pseudonym, pseudonym]));
    if (unique.length === 0) return resolved;
    if (tx) await tx.query('SELECT pg_advisory_xact_lock_shared($1::bigint)', [LINK_LOCK_KEY]);
    const rows = await queryPrepared<{ member_pseudonym: string; subject_pseudonym: string }>(tx ?? this.dataSource, RESOLVE, [unique]);
    for (const row of rows) resolved.set(row.member_pseudonym, row.subject_pseudonym);
    return resolved;
  }

  /** The pseudonyms merged into `subject` by active links (whose older audit entries are the person's too). */
  async membersOf(tx: EntityManager, subjectPseudonym: string): Promise<string[]> {
    const rows = await tx.query<{ member_pseudonym: string }[]>(
      'SELECT member_pseudonym FROM subject_link WHERE unlinked_at IS NULL AND subject_pseudonym = $1 ORDER BY linked_at, id',
      [subjectPseudonym],
    );
    return rows.map((row) => row.member_pseudonym);
  }

  async lockForChange(tx: EntityManager): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock($1::bigint)', [LINK_LOCK_KEY]);
  }

  /** The first audit sequence of each pseudonym the hub has seen (IDX_audit_entry_subject answers it). */
  async firstSeen(tx: EntityManager, pseudonyms: readonly string[]): Promise<Map<string, bigint>> {
    const rows = await tx.query<{ subject_pseudonym: string; first: string }[]>(
      `SELECT subject_pseudonym, min(sequence)::text AS first FROM audit_entry
        WHERE subject_pseudonym = ANY($1::text[]) GROUP BY subject_pseudonym`,
      [pseudonyms],
    );
    return new Map(rows.map((row) => [row.subject_pseudonym, BigInt(row.first)]));
  }

  async findActiveForIdentifier(tx: EntityManager, identifierPseudonym: string): Promise<SubjectLinkRecord | null> {
    const rows = await tx.query<LinkRow[]>(
      `SELECT * FROM subject_link WHERE unlinked_at IS NULL AND identifier_pseudonym = $1 ORDER BY linked_at DESC, id LIMIT 1`,
      [identifierPseudonym],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Records the link and merges: links that pointed at the member now point at the subject, and the member's
   * evidence, requests and relations move to the subject. Returns what moved (also stored on the link).
   */
  async linkAndMerge(tx: EntityManager, link: Omit<SubjectLinkRecord, 'moved'>): Promise<MovedRows> {
    const from = link.memberPseudonym;
    const to = link.subjectPseudonym;
    const ids = async (sql: string): Promise<string[]> => queryRows<{ id: string }>(await tx.query(sql, [from, to])).map((row) => row.id);
    const moved: MovedRows = {
      links: await ids('UPDATE subject_link SET subject_pseudonym = $2 WHERE unlinked_at IS NULL AND subject_pseudonym = $1 RETURNING id'),
      evidence: await ids('UPDATE evidence SET subject_pseudonym = $2 WHERE subject_pseudonym = $1 RETURNING id'),
      requests: await ids('UPDATE evidence_request SET subject_pseudonym = $2 WHERE subject_pseudonym = $1 RETURNING id'),
      // A relation the survivor already holds for the same case stays behind: it would be the same fact twice.
      relations: await ids(
        `UPDATE subject_relation r SET subject_pseudonym = $2 WHERE r.subject_pseudonym = $1
           AND NOT EXISTS (SELECT 1 FROM subject_relation s WHERE s.subject_pseudonym = $2 AND s.kind = r.kind
                             AND s.party_oin = r.party_oin AND s.case_reference = r.case_reference)
         RETURNING r.id`,
      ),
    };
    await tx.query(
      `INSERT INTO subject_link (id, member_pseudonym, subject_pseudonym, identifier_kind, identifier_pseudonym, case_reference,
                                 linked_by, linked_at, moved)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb)`,
      [
        link.id,
        from,
        to,
        link.identifierKind,
        link.identifierPseudonym,
        link.caseReference,
        link.linkedBy,
        link.linkedAt,
        JSON.stringify(moved),
      ],
    );
    return moved;
  }

  /** Ends the link and moves back, by id, what it moved: the member is a subject of its own again. */
  async unlink(tx: EntityManager, link: SubjectLinkRecord, by: string, at: Date, reason: string): Promise<void> {
    await tx.query('UPDATE subject_link SET unlinked_by = $2, unlinked_at = $3, unlink_reason = $4 WHERE id = $1', [
      link.id,
      by,
      at,
      reason,
    ]);
    const back = link.memberPseudonym;
    await tx.query('UPDATE subject_link SET subject_pseudonym = $2 WHERE unlinked_at IS NULL AND id = ANY($1::uuid[])', [
      link.moved.links,
      back,
    ]);
    await tx.query('UPDATE evidence SET subject_pseudonym = $2 WHERE id = ANY($1::uuid[])', [link.moved.evidence, back]);
    await tx.query('UPDATE evidence_request SET subject_pseudonym = $2 WHERE id = ANY($1::uuid[])', [link.moved.requests, back]);
    await tx.query('UPDATE subject_relation SET subject_pseudonym = $2 WHERE id = ANY($1::uuid[])', [link.moved.relations, back]);
  }
}
