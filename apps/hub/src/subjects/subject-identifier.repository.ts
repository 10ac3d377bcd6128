import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { SealedIdentifier } from './subject-pseudonym.repository';

/** A stored identifier to re-seal: its pseudonym and how it is sealed now. */
export interface StoredSealedIdentifier {
  pseudonym: string;
  sealed: SealedIdentifier;
}

/**
 * Which identifier a pseudonym stands for, sealed (AES-GCM) beside the id of its sealing key, kept only where an
 * exchange needs it: a source asked for evidence must know whom it is about. Nothing else reads it.
 */
@Injectable()
export class SubjectIdentifierRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps the first sealed identifier per pseudonym (the same person gives the same pseudonym). */
  async record(tx: EntityManager, entries: readonly { pseudonym: string; sealed: SealedIdentifier }[], at: Date): Promise<void> {
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO subject_identifier (pseudonym, sealed_identifier, sealing_key_id, recorded_at)
       SELECT p, decode(s, 'base64'), k, $4 FROM unnest($1::text[], $2::text[], $3::text[]) AS r(p, s, k)
       ON CONFLICT (pseudonym) DO NOTHING`,
      [
        entries.map((entry) => entry.pseudonym),
        entries.map((entry) => entry.sealed.bytes.toString('base64')),
        entries.map((entry) => entry.sealed.keyId),
        at,
      ],
    );
  }

  async findSealed(pseudonyms: readonly string[]): Promise<Map<string, SealedIdentifier>> {
    if (pseudonyms.length === 0) return new Map();
    const rows = await this.dataSource.query<{ pseudonym: string; sealed_identifier: Buffer; sealing_key_id: string | null }[]>(
      'SELECT pseudonym, sealed_identifier, sealing_key_id FROM subject_identifier WHERE pseudonym = ANY($1::text[])',
      [pseudonyms],
    );
    // No key id (''): written by a hub older than key ids during a rolling start; the legacy key opens it.
    return new Map(rows.map((row) => [row.pseudonym, { keyId: row.sealing_key_id ?? '', bytes: row.sealed_identifier }]));
  }

  /** How many identifiers each sealing key id seals (NULL: sealed before key ids). */
  async countBySealingKey(): Promise<Map<string | null, number>> {
    const rows = await this.dataSource.query<{ sealing_key_id: string | null; count: number }[]>(
      'SELECT sealing_key_id, count(*)::int AS count FROM subject_identifier GROUP BY sealing_key_id',
    );
    return new Map(rows.map((row) => [row.sealing_key_id, row.count]));
  }

  /** One identifier sealed before key ids, to find out which key sealed it. */
  async sampleWithoutKeyId(): Promise<Buffer | undefined> {
    const rows = await this.dataSource.query<{ sealed_identifier: Buffer }[]>(
      'SELECT sealed_identifier FROM subject_identifier WHERE sealing_key_id IS NULL LIMIT 1',
    );
    return rows[0]?.sealed_identifier;
  }

  /** Names the key of every identifier sealed before key ids, once one of them has opened under it. */
  async assignKeyIdToUnmarked(keyId: string): Promise<number> {
    const [, affected] = await this.dataSource.query<[unknown, number]>(
      'UPDATE subject_identifier SET sealing_key_id = $1 WHERE sealing_key_id IS NULL',
      [keyId],
    );
    return affected;
  }

  /**
   * Re-seals up to `limit` identifiers not under `currentKeyId`, in one transaction: rows are locked while
   * `reseal` turns each into the new sealing (SKIP LOCKED, so two hub instances share the work).
   */
  async resealBatch(currentKeyId: string, limit: number, reseal: (sealed: SealedIdentifier) => SealedIdentifier): Promise<number> {
    return this.dataSource.transaction(async (tx) => {
      const rows = await tx.query<{ pseudonym: string; sealed_identifier: Buffer; sealing_key_id: string }[]>(
        `SELECT pseudonym, sealed_identifier, sealing_key_id FROM subject_identifier
          WHERE sealing_key_id IS DISTINCT FROM $1 AND sealing_key_id IS NOT NULL
          LIMIT $2 FOR UPDATE SKIP LOCKED`,
        [currentKeyId, limit],
      );
      if (rows.length === 0) return 0;
      const resealed = rows.map((row) => ({
        pseudonym: row.pseudonym,
        sealed: reseal({ keyId: row.sealing_key_id, bytes: row.sealed_identifier }),
      }));
      await tx.query(
        `UPDATE subject_identifier AS t SET sealed_identifier = decode(r.s, 'base64'), sealing_key_id = r.k
           FROM unnest($1::text[], $2::text[], $3::text[]) AS r(p, s, k) WHERE t.pseudonym = r.p`,
        [
          resealed.map((row) => row.pseudonym),
          resealed.map((row) => row.sealed.bytes.toString('base64')),
          resealed.map((row) => row.sealed.keyId),
        ],
      );
      return resealed.length;
    });
  }

  /** The pseudonym key this database's pseudonyms were made with, binding it to `keyId` if none is recorded yet. */
  async bindPseudonymKey(keyId: string): Promise<string> {
    await this.dataSource.query(
      `INSERT INTO subject_key_binding (purpose, key_id) VALUES ('pseudonym', $1) ON CONFLICT (purpose) DO NOTHING`,
      [keyId],
    );
    const rows = await this.dataSource.query<{ key_id: string }[]>(`SELECT key_id FROM subject_key_binding WHERE purpose = 'pseudonym'`);
    return rows[0].key_id;
  }
}
