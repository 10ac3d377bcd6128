import { Injectable } from '@nestjs/common';
import type { MvvExpiryReason } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import { DataSource, type EntityManager } from 'typeorm';
import type { RerouteReason } from '../appointments/slot-allocation.policy';
import { BEFORE_APPEARANCE, type MvvCaseRecord, type MvvStage, type OfferRow } from './mvv-case';
import { MvvCaseEntity } from './mvv-case.entity';

// The entity is the table's shape; the casts trust what this service wrote.
function toRecord(entity: MvvCaseEntity): MvvCaseRecord {
  return {
    ...entity,
    stage: entity.stage as MvvStage,
    reroutes: entity.reroutes.map((reroute) => ({ ...reroute, reason: reroute.reason as RerouteReason })),
    expiryReason: entity.expiryReason as MvvExpiryReason | null,
    referenceVersions: [...entity.referenceVersions],
  };
}

function toEntity(record: MvvCaseRecord): MvvCaseEntity {
  return {
    ...record,
    reroutes: record.reroutes.map(({ fromPost, toPost, reason }) => ({ fromPost, toPost, reason })),
    referenceVersions: [...record.referenceVersions],
  };
}

/** The MVV legs. Methods taking a transaction run in it; the others read on their own. */
@Injectable()
export class MvvCaseRepository {
  constructor(private readonly dataSource: DataSource) {}

  async find(applicationRef: string): Promise<MvvCaseRecord | null> {
    const entity = await this.dataSource.getRepository(MvvCaseEntity).findOneBy({ applicationRef });
    return entity && toRecord(entity);
  }

  async lock(tx: EntityManager, applicationRef: string): Promise<MvvCaseRecord | null> {
    const entity = await tx.getRepository(MvvCaseEntity).findOne({ where: { applicationRef }, lock: { mode: 'pessimistic_write' } });
    return entity && toRecord(entity);
  }

  /** Inserts the leg unless one exists for the application; true when inserted. */
  async insertIfAbsent(tx: EntityManager, record: MvvCaseRecord): Promise<boolean> {
    const result = await tx
      .createQueryBuilder()
      .insert()
      .into(MvvCaseEntity)
      .values(toEntity(record))
      .orIgnore()
      .returning('application_ref')
      .execute();
    return Array.isArray(result.raw) && result.raw.length > 0;
  }

  async save(tx: EntityManager, record: MvvCaseRecord): Promise<void> {
    await tx.getRepository(MvvCaseEntity).save(toEntity(record));
  }

  /**
   * Serialises slot offers: two offers at once would both see the same free slot. One lock for all posts,
   * because a pooled offer may take a partner's slot; offers are rare enough for that.
   */
  async lockCalendars(tx: EntityManager): Promise<void> {
    await tx.query(`SELECT pg_advisory_xact_lock(hashtext('consular_mvv_case.calendars'))`);
  }

  /** Slots held per post and day in [from, to]: every leg with an appointment there that has not lapsed. */
  async heldSlots(tx: EntityManager, from: string, to: string): Promise<Map<string, number>> {
    const rows: { post: string; appointment_on: string; held: string }[] = await tx.query(
      `SELECT post, appointment_on, count(*) AS held FROM consular_mvv_case
        WHERE appointment_on BETWEEN $1 AND $2 AND post IS NOT NULL AND stage <> 'EXPIRED'
        GROUP BY post, appointment_on`,
      [from, to],
    );
    return new Map(rows.map((row) => [slotKey(row.post, row.appointment_on), Number(row.held)]));
  }

  /** Legs whose limit lies before `today`: the appearance window for those not yet seen, the entry window after issue. */
  async dueForExpiry(today: string, limit: number): Promise<string[]> {
    const rows: { application_ref: string }[] = await this.dataSource.query(
      `SELECT application_ref FROM consular_mvv_case
        WHERE (stage = ANY($1::text[]) AND appear_by < $2) OR (stage = 'MVV_ISSUED' AND enter_by < $2)
        ORDER BY application_ref LIMIT $3`,
      [BEFORE_APPEARANCE, today, limit],
    );
    return rows.map((row) => row.application_ref);
  }

  /** Every offer made, for the capacity figures. */
  async offers(): Promise<OfferRow[]> {
    const rows: { first_post: string; post: string; first_post_waiting_days: number | null; used: boolean }[] = await this.dataSource.query(
      `SELECT first_post, post, first_post_waiting_days, captured_on IS NOT NULL AS used FROM consular_mvv_case
        WHERE post IS NOT NULL AND first_post IS NOT NULL`,
    );
    return rows.map((row) => ({
      firstPost: row.first_post,
      post: row.post,
      firstPostWaitingDays: row.first_post_waiting_days,
      used: row.used,
    }));
  }
}

export function slotKey(post: string, day: string): string {
  return `${post}/${day}`;
}
