import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import type { Countersignature } from './audit-countersignature';

interface CountersignatureRow {
  checkpoint_sequence: string;
  party_oin: string;
  checkpoint_hash: string;
  checkpoint_taken_at: Date;
  countersigned_at: Date;
  chain_id: string;
}

/** The parties' counter-signatures the hub received (insert-only, like the chain). */
@Injectable()
export class AuditCountersignatureRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when this party's counter-signature of that checkpoint was stored before (a redelivery). */
  async insertOnce(tx: EntityManager, countersignature: Countersignature, eventId: string, receivedAt: Date): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "audit_countersignature" ("chain_id", "checkpoint_sequence", "party_oin", "checkpoint_hash", "checkpoint_taken_at",
         "countersigned_at", "event_id", "received_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT DO NOTHING RETURNING "party_oin"`,
      [
        countersignature.chainId,
        countersignature.sequence,
        countersignature.partyOin,
        countersignature.entryHash,
        countersignature.checkpointTakenAt,
        countersignature.countersignedAt,
        eventId,
        receivedAt,
      ],
    );
    return rows.length > 0;
  }

  /** The counter-signatures of the `checkpoints` latest countersigned checkpoints of the chain. */
  async latest(chainId: string, checkpoints: number): Promise<Countersignature[]> {
    const rows: CountersignatureRow[] = await this.dataSource.query(
      `SELECT "chain_id", "checkpoint_sequence"::text AS "checkpoint_sequence", "party_oin", "checkpoint_hash", "checkpoint_taken_at",
              "countersigned_at"
         FROM "audit_countersignature"
        WHERE "chain_id" = $1 AND "checkpoint_sequence" IN (
          SELECT DISTINCT "checkpoint_sequence" FROM "audit_countersignature" WHERE "chain_id" = $1
           ORDER BY "checkpoint_sequence" DESC LIMIT $2)
        ORDER BY "checkpoint_sequence" DESC, "party_oin"`,
      [chainId, checkpoints],
    );
    return rows.map((row) => ({
      partyOin: row.party_oin,
      chainId: row.chain_id,
      sequence: row.checkpoint_sequence,
      entryHash: row.checkpoint_hash,
      checkpointTakenAt: row.checkpoint_taken_at,
      countersignedAt: row.countersigned_at,
    }));
  }
}
