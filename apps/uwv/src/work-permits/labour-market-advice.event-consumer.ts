import { Controller } from '@nestjs/common';
import type { LabourMarketAdviceRequested } from '@welkom/contracts/generated/welkom/uwv/v1/labour_market_events';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { LabourMarketCaseService } from './labour-market-case.service';

/** The IND's requests for labour-market advice on single permits (GVVA). */
@Controller()
export class LabourMarketAdviceEventConsumer {
  constructor(private readonly cases: LabourMarketCaseService) {}

  @OnEvent(TOPICS.labourMarketAdviceRequested)
  async onAdviceRequested(event: ReceivedEvent<LabourMarketAdviceRequested>): Promise<void> {
    await this.cases.onAdviceRequested(event);
  }
}
