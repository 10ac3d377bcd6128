import { Injectable } from '@nestjs/common';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import type { EntityManager } from 'typeorm';
import type { SponsorNotificationRecord } from './sponsor-notification';
import { SponsorNotificationEntity } from './sponsor-notification.entity';

// The entity is the table's shape; services see ./sponsor-notification. The casts trust what the connector wrote.
function toRecord(entity: SponsorNotificationEntity): SponsorNotificationRecord {
  return {
    notificationId: entity.notificationId,
    applicationReference: entity.applicationReference,
    change: entity.change as SponsorChange,
    factDate: entity.factDate,
    reportedOn: entity.reportedOn,
    reportedLate: entity.reportedLate,
    revokedEvidence: entity.revokedEvidence.map((evidence) => ({
      evidenceId: evidence.evidenceId,
      evidenceType: evidence.evidenceType as EvidenceType,
      contentCommitment: evidence.contentCommitment ?? '',
      schemaVersion: evidence.schemaVersion,
    })),
    createdAt: entity.createdAt,
  };
}

function toEntity(notification: SponsorNotificationRecord): SponsorNotificationEntity {
  return {
    ...notification,
    // Field by field: the stored JSON keeps exactly these keys, whatever else a caller's object carries.
    revokedEvidence: notification.revokedEvidence.map(({ evidenceId, evidenceType, contentCommitment, schemaVersion }) => ({
      evidenceId,
      evidenceType,
      contentCommitment,
      schemaVersion,
    })),
  };
}

/** The university's duty-to-notify reports. Every method runs in the caller's transaction. */
@Injectable()
export class SponsorNotificationRepository {
  /** The report of this change on this date about this application, if it was made before. */
  async findReport(
    tx: EntityManager,
    applicationReference: string,
    change: SponsorChange,
    factDate: string,
  ): Promise<SponsorNotificationRecord | null> {
    const entity = await tx.getRepository(SponsorNotificationEntity).findOneBy({ applicationReference, change, factDate });
    return entity && toRecord(entity);
  }

  async insert(tx: EntityManager, notification: SponsorNotificationRecord): Promise<void> {
    await tx.getRepository(SponsorNotificationEntity).insert(toEntity(notification));
  }
}
