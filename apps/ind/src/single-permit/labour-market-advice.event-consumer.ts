import { Controller } from '@nestjs/common';
import type { LabourMarketAdviceGiven } from '@welkom/contracts/generated/welkom/uwv/v1/labour_market_events';
import { TOPICS } from '@welkom/events';
import { OnEvent, type ReceivedEvent } from '@welkom/messaging';
import { LabourMarketAdviceService } from './labour-market-advice.service';

/** UWV's labour-market advice on single permits (GVVA). */
@Controller()
export class LabourMarketAdviceEventConsumer {
  constructor(private readonly advice: LabourMarketAdviceService) {}

  @OnEvent(TOPICS.labourMarketAdviceGiven)
  async onAdvice(event: ReceivedEvent<LabourMarketAdviceGiven>): Promise<void> {
    await this.advice.onAdvice(event);
  }
}
