import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { SponsorNotificationEntity } from './sponsor-notification.entity';

/** The change reports made under the duty to notify; one per application, change and fact date. */
@Injectable()
export class SponsorNotificationRepository {
  findReport(
    tx: EntityManager,
    key: Pick<SponsorNotificationEntity, 'applicationReference' | 'change' | 'factDate'>,
  ): Promise<SponsorNotificationEntity | null> {
    return tx.getRepository(SponsorNotificationEntity).findOneBy({
      applicationReference: key.applicationReference,
      change: key.change,
      factDate: key.factDate,
    });
  }

  async insert(tx: EntityManager, notification: SponsorNotificationEntity): Promise<void> {
    await tx.getRepository(SponsorNotificationEntity).insert(notification);
  }
}
