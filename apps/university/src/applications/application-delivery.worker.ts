import { Inject, Injectable } from '@nestjs/common';
import { ClockRepository, PeriodicWorker, type PeriodicSchedule } from '@welkom/platform';
import { UNIVERSITY_CONFIG, type UniversityConfig } from '../university.config';
import { ApplicationFilingService } from './application-filing.service';
import { SponsoredApplicationRepository } from './sponsored-application.repository';

const BATCH = 100;
const CONCURRENCY = 8;

/** Delivers filed applications the IND could not be reached for, until it can (also after our own restart). */
@Injectable()
export class ApplicationDeliveryWorker extends PeriodicWorker {
  constructor(
    private readonly filing: ApplicationFilingService,
    private readonly applications: SponsoredApplicationRepository,
    private readonly clock: ClockRepository,
    @Inject(UNIVERSITY_CONFIG) private readonly config: Pick<UniversityConfig, 'APPLICATION_DELIVERY_INTERVAL_MS'>,
  ) {
    super();
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.APPLICATION_DELIVERY_INTERVAL_MS, description: 'Delivering queued applications' };
  }

  protected async runOnce(): Promise<void> {
    const due = await this.applications.dueForDelivery(BATCH, this.clock.now());
    for (let start = 0; start < due.length && !this.stopping; start += CONCURRENCY) {
      await Promise.all(due.slice(start, start + CONCURRENCY).map((application) => this.filing.deliver(application)));
    }
  }
}
