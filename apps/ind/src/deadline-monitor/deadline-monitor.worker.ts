import { Inject, Injectable } from '@nestjs/common';
import { PeriodicWorker, type PeriodicSchedule } from '@welkom/platform';
import { IND_CONFIG, type IndConfig } from '../ind.config';
import { DeadlineMonitorService } from './deadline-monitor.service';

/** Runs the deadline check periodically; the first check right after start, so a restart misses no day. */
@Injectable()
export class DeadlineMonitorWorker extends PeriodicWorker {
  constructor(
    private readonly monitor: DeadlineMonitorService,
    @Inject(IND_CONFIG) private readonly config: Pick<IndConfig, 'DEADLINE_CHECK_INTERVAL_MS'>,
  ) {
    super();
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.DEADLINE_CHECK_INTERVAL_MS, firstRunAfterMs: 0, description: 'Deadline check' };
  }

  protected async runOnce(): Promise<void> {
    const result = await this.monitor.check();
    if (result.atRisk + result.breached > 0) {
      this.logger.log(`Deadline check ${result.checkedOn}: ${result.cases} open, ${result.atRisk} at risk, ${result.breached} breached`);
    }
  }
}
