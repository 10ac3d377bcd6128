import { Controller } from '@nestjs/common';
import type { ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { RelocationReferralService } from './relocation-referral.service';

/** The IND's status events: a grant or an issued MVV is an arrival to refer to a welcome centre. */
@Controller()
export class ApplicationStatusEventConsumer {
  constructor(private readonly referrals: RelocationReferralService) {}

  @OnEvent(TOPICS.applicationStatusChanged)
  async onStatusChanged(event: ReceivedEvent<ApplicationStatusChanged>): Promise<void> {
    await this.referrals.statusChanged(event);
  }
}
