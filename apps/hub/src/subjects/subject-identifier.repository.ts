import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';

/**
 * Which identifier a pseudonym stands for, sealed (AES-GCM), kept only where an exchange needs it: a source
 * asked for evidence must know whom it is about. Nothing else reads it.
 */
@Injectable()
export class SubjectIdentifierRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Keeps the first sealed identifier per pseudonym (the same person gives the same pseudonym). */
  async record(tx: EntityManager, entries: readonly { pseudonym: string; sealed: Buffer }[], at: Date): Promise<void> {
    if (entries.length === 0) return;
    await tx.query(
      `INSERT INTO subject_identifier (pseudonym, sealed_identifier, recorded_at)
       SELECT p, decode(s, 'base64'), $3 FROM unnest($1::text[], $2::text[]) AS r(p, s)
       ON CONFLICT (pseudonym) DO NOTHING`,
      [entries.map((entry) => entry.pseudonym), entries.map((entry) => entry.sealed.toString('base64')), at],
    );
  }

  async findSealed(pseudonyms: readonly string[]): Promise<Map<string, Buffer>> {
    if (pseudonyms.length === 0) return new Map();
    const rows = await this.dataSource.query<{ pseudonym: string; sealed_identifier: Buffer }[]>(
      'SELECT pseudonym, sealed_identifier FROM subject_identifier WHERE pseudonym = ANY($1::text[])',
      [pseudonyms],
    );
    return new Map(rows.map((row) => [row.pseudonym, row.sealed_identifier]));
  }
}
