import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

export interface PublishedSeriesRow {
  readonly seriesId: string;
  readonly payload: Buffer;
}

@Injectable()
export class PublishedFeedSeriesRepository {
  /** One publication at a time per database, whatever the number of instances; released at commit. */
  async lock(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('eu-reporting/published_feed_series'))`);
  }

  async all(tx: EntityManager): Promise<Map<string, Buffer>> {
    const rows = await tx.query<{ series_id: string; payload: Buffer }[]>('SELECT series_id, payload FROM published_feed_series');
    return new Map(rows.map((row) => [row.series_id, row.payload]));
  }

  async save(tx: EntityManager, rows: readonly PublishedSeriesRow[]): Promise<void> {
    if (rows.length === 0) return;
    await tx.query(
      `INSERT INTO published_feed_series (series_id, payload)
       SELECT * FROM unnest($1::text[], $2::bytea[])
       ON CONFLICT (series_id) DO UPDATE SET payload = EXCLUDED.payload, published_at = now()`,
      [rows.map((row) => row.seriesId), rows.map((row) => row.payload)],
    );
  }
}
