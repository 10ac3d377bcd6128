import { Inject, Injectable } from '@nestjs/common';
import { type PeriodicSchedule, PeriodicWorker } from '@welkom/platform';
import { CONSULAR_CONFIG, type ConsularConfig } from '../consular.config';
import { MvvLegService } from './mvv-leg.service';

/** Closes the legs past their 3-month or 90-day limit (DOMAIN.md §7.6), so the IND can set EXPIRED. */
@Injectable()
export class MvvExpiryWorker extends PeriodicWorker {
  constructor(
    private readonly legs: MvvLegService,
    @Inject(CONSULAR_CONFIG) private readonly config: Pick<ConsularConfig, 'EXPIRY_SWEEP_INTERVAL_MS'>,
  ) {
    super();
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.EXPIRY_SWEEP_INTERVAL_MS, description: 'MVV expiry sweep' };
  }

  protected async runOnce(): Promise<void> {
    const lapsed = await this.legs.sweepExpired();
    if (lapsed > 0) this.logger.log(`${lapsed} MVV legs lapsed`);
  }
}
