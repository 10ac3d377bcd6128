import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChainHead } from './audit-chain';

/**
 * Where earlier verifications found the chain intact: a signed checkpoint's sequence and entry hash. Insert-only,
 * like the chain; an incremental verification starts after the latest one, trusting the signed hash, not the row.
 */
@Injectable()
export class AuditVerificationRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(checkpoint: ChainHead, verifiedAt: Date, verifiedBy: string): Promise<void> {
    await this.dataSource.query(
      'INSERT INTO audit_verification (checkpoint_sequence, checkpoint_hash, verified_at, verified_by) VALUES ($1, $2, $3, $4)',
      [checkpoint.sequence, checkpoint.hash, verifiedAt, verifiedBy],
    );
  }

  /** The verified checkpoint covering the most entries, or undefined when none was verified yet. */
  async latest(): Promise<ChainHead | undefined> {
    const rows = await this.dataSource.query<{ checkpoint_sequence: string; checkpoint_hash: string }[]>(
      'SELECT checkpoint_sequence, checkpoint_hash FROM audit_verification ORDER BY checkpoint_sequence DESC, id DESC LIMIT 1',
    );
    return rows.length === 0 ? undefined : { sequence: String(rows[0].checkpoint_sequence), hash: rows[0].checkpoint_hash };
  }
}
