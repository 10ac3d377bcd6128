import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CountersigningHistory, SeenCheckpoint } from './checkpoint-continuity.policy';

export interface CountersignedRecord {
  hubOin: string;
  checkpoint: SeenCheckpoint;
  countersignedAt: Date;
  checkpointEventId: string;
}

export interface AuditAlarmRecord {
  hubOin: string;
  checkpoint: SeenCheckpoint;
  kind: 'REWIND' | 'FORK';
  problem: string;
  checkpointEventId: string;
  raisedAt: Date;
}

/** The party's own record of what it countersigned of the hub's audit chain, and of the alarms it raised. */
@Injectable()
export class AuditCountersigningRepository {
  async history(tx: EntityManager, hubOin: string, chainId: string, sequence: string): Promise<CountersigningHistory> {
    const signed: { sequence: string; entry_hash: string; checkpoint_taken_at: Date }[] = await tx.query(
      `SELECT "sequence"::text AS "sequence", "entry_hash", "checkpoint_taken_at" FROM "party_audit_countersignature"
        WHERE "hub_oin" = $1 AND "chain_id" = $2 AND ("sequence" = $3
           OR "sequence" = (SELECT max("sequence") FROM "party_audit_countersignature" WHERE "hub_oin" = $1 AND "chain_id" = $2))`,
      [hubOin, chainId, sequence],
    );
    const alarms: unknown[] = await tx.query(`SELECT 1 FROM "party_audit_alarm" WHERE "hub_oin" = $1 AND "chain_id" = $2 LIMIT 1`, [
      hubOin,
      chainId,
    ]);
    const rows = signed.map((row) => ({ sequence: row.sequence, entryHash: row.entry_hash, takenAt: row.checkpoint_taken_at }));
    const latest = rows.reduce<(typeof rows)[number] | undefined>(
      (highest, row) => (highest === undefined || BigInt(row.sequence) > BigInt(highest.sequence) ? row : highest),
      undefined,
    );
    const latestSigned = latest && { sequence: latest.sequence, entryHash: latest.entryHash };
    return { latest: latestSigned, sameSequence: rows.find((row) => row.sequence === sequence), alarmed: alarms.length > 0 };
  }

  async recordCountersigned(tx: EntityManager, record: CountersignedRecord): Promise<void> {
    await tx.query(
      `INSERT INTO "party_audit_countersignature"
         ("hub_oin", "chain_id", "sequence", "entry_hash", "checkpoint_taken_at", "countersigned_at", "checkpoint_event_id")
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [
        record.hubOin,
        record.checkpoint.chainId,
        record.checkpoint.sequence,
        record.checkpoint.entryHash,
        record.checkpoint.takenAt,
        record.countersignedAt,
        record.checkpointEventId,
      ],
    );
  }

  async raiseAlarm(tx: EntityManager, alarm: AuditAlarmRecord): Promise<void> {
    await tx.query(
      `INSERT INTO "party_audit_alarm" ("hub_oin", "chain_id", "kind", "sequence", "entry_hash", "problem", "checkpoint_event_id", "raised_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        alarm.hubOin,
        alarm.checkpoint.chainId,
        alarm.kind,
        alarm.checkpoint.sequence,
        alarm.checkpoint.entryHash,
        alarm.problem,
        alarm.checkpointEventId,
        alarm.raisedAt,
      ],
    );
  }
}
