import { Inject, Injectable, Logger, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { ClockRepository } from '@welkom/platform';
import { UNIVERSITY_CONFIG, type UniversityConfig } from '../university.config';
import { ApplicationFilingService } from './application-filing.service';
import { SponsoredApplicationRepository } from './sponsored-application.repository';

const BATCH = 100;
const CONCURRENCY = 8;

/** Delivers filed applications the IND could not be reached for, until it can (also after our own restart). */
@Injectable()
export class ApplicationDeliveryWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(ApplicationDeliveryWorker.name);
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;

  constructor(
    private readonly filing: ApplicationFilingService,
    private readonly applications: SponsoredApplicationRepository,
    private readonly clock: ClockRepository,
    @Inject(UNIVERSITY_CONFIG) private readonly config: Pick<UniversityConfig, 'APPLICATION_DELIVERY_INTERVAL_MS'>,
  ) {}

  onApplicationBootstrap(): void {
    this.schedule(this.config.APPLICATION_DELIVERY_INTERVAL_MS);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopping) return;
    this.timer = setTimeout(() => {
      this.running = this.deliverDue()
        .catch((error: unknown) => this.logger.warn(`Delivering queued applications failed: ${(error as Error).message}`))
        .finally(() => this.schedule(this.config.APPLICATION_DELIVERY_INTERVAL_MS));
    }, delayMs);
    this.timer.unref();
  }

  private async deliverDue(): Promise<void> {
    const due = await this.applications.dueForDelivery(BATCH, this.clock.now());
    for (let start = 0; start < due.length && !this.stopping; start += CONCURRENCY) {
      await Promise.all(due.slice(start, start + CONCURRENCY).map((application) => this.filing.deliver(application)));
    }
  }
}
