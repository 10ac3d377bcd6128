import { Injectable } from '@nestjs/common';
import type { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { DataSource, type EntityManager } from 'typeorm';
import type { RelocationReferralRecord } from './relocation-referral';
import { RelocationReferralEntity } from './relocation-referral.entity';
import type { ReferralBasis } from './relocation-referral.policy';

// The casts trust what the connector itself wrote.
function toRecord(entity: RelocationReferralEntity): RelocationReferralRecord {
  return {
    referralId: entity.referralId,
    applicationRef: entity.applicationRef,
    subjectPseudonym: entity.subjectPseudonym,
    category: entity.category as PermitCategory,
    sponsorOin: entity.sponsorOin,
    arrivalDate: entity.arrivalDate,
    centreCode: entity.centreCode,
    centreName: entity.centreName,
    basis: entity.basis as ReferralBasis,
    centreTableVersion: entity.centreTableVersion,
    trigger: entity.trigger as ApplicationStatus,
    referredAt: entity.referredAt,
  };
}

@Injectable()
export class RelocationReferralRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** False when the application was referred before (a grant after an issued MVV, or a redelivery). */
  async insertOnce(tx: EntityManager, referral: RelocationReferralRecord): Promise<boolean> {
    const rows: unknown[] = await tx.query(
      `INSERT INTO "rvo_relocation_referral" ("referral_id", "application_ref", "subject_pseudonym", "category", "sponsor_oin",
         "arrival_date", "centre_code", "centre_name", "basis", "centre_table_version", "trigger", "referred_at")
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
       ON CONFLICT ("application_ref") DO NOTHING RETURNING "referral_id"`,
      [
        referral.referralId,
        referral.applicationRef,
        referral.subjectPseudonym,
        referral.category,
        referral.sponsorOin,
        referral.arrivalDate,
        referral.centreCode,
        referral.centreName,
        referral.basis,
        referral.centreTableVersion,
        referral.trigger,
        referral.referredAt,
      ],
    );
    return rows.length > 0;
  }

  async findByApplication(applicationRef: string): Promise<RelocationReferralRecord | undefined> {
    const entity = await this.dataSource.getRepository(RelocationReferralEntity).findOneBy({ applicationRef });
    return entity === null ? undefined : toRecord(entity);
  }

  /** Referrals per centre whose arrival falls in [from, to] (ISO dates, inclusive). */
  async countByCentre(from: string, to: string): Promise<Map<string, number>> {
    const rows = await this.dataSource
      .getRepository(RelocationReferralEntity)
      .createQueryBuilder('r')
      .select('r.centre_code', 'centre_code')
      .addSelect('COUNT(*)::int', 'referred')
      .where('r.arrival_date BETWEEN :from AND :to', { from, to })
      .groupBy('r.centre_code')
      .getRawMany<{ centre_code: string; referred: number }>();
    return new Map(rows.map((row) => [row.centre_code, Number(row.referred)]));
  }
}
