import { Controller } from '@nestjs/common';
import type { MvvLegStep } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { EntryVisaFollowService } from './entry-visa-follow.service';

/** The consular posts' steps of the MVV leg: the IND follows them to PERMIT_ISSUED or EXPIRED. */
@Controller()
export class EntryVisaEventConsumer {
  constructor(private readonly follow: EntryVisaFollowService) {}

  @OnEvent(TOPICS.mvvLegStep)
  async onMvvLegStep(event: ReceivedEvent<MvvLegStep>): Promise<void> {
    await this.follow.apply(event);
  }
}
