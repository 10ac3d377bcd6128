import { Inject, Injectable } from '@nestjs/common';
import { type PeriodicSchedule, PeriodicWorker } from '@welkom/platform';
import { UWV_CONFIG, type UwvConfig } from '../uwv.config';
import { LabourMarketCaseService } from './labour-market-case.service';

/** Watches the 5-week term of pending TWV cases and GVVA advice requests (DOMAIN.md §2.1), like the IND its deadlines. */
@Injectable()
export class WorkPermitTermWorker extends PeriodicWorker {
  constructor(
    private readonly cases: LabourMarketCaseService,
    @Inject(UWV_CONFIG) private readonly config: Pick<UwvConfig, 'TERM_WATCH_INTERVAL_MS'>,
  ) {
    super();
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.TERM_WATCH_INTERVAL_MS, description: 'work-permit term watch' };
  }

  protected async runOnce(): Promise<void> {
    const raised = await this.cases.raiseAtRisk();
    if (raised > 0) this.logger.log(`${raised} labour-market cases at risk of their 5-week term`);
  }
}
