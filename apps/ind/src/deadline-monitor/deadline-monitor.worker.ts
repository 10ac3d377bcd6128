import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { IND_CONFIG, type IndConfig } from '../ind.config';
import { DeadlineMonitorService } from './deadline-monitor.service';

/** Runs the deadline check periodically; the first check right after start, so a restart misses no day. */
@Injectable()
export class DeadlineMonitorWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(DeadlineMonitorWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly monitor: DeadlineMonitorService,
    @Inject(IND_CONFIG) private readonly config: Pick<IndConfig, 'DEADLINE_CHECK_INTERVAL_MS'>,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(0);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.running = this.monitor
        .check()
        .then((result) => {
          if (result.atRisk + result.breached > 0) {
            this.logger.log(`Deadline check ${result.checkedOn}: ${result.cases} open, ${result.atRisk} at risk, ${result.breached} breached`);
          }
        })
        .catch((error: unknown) => this.logger.warn(`Deadline check failed: ${(error as Error).message}`))
        .finally(() => this.schedule(this.config.DEADLINE_CHECK_INTERVAL_MS));
    }, delayMs);
    this.timer.unref();
  }
}
