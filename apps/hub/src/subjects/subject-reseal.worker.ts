import { Inject, Injectable } from '@nestjs/common';
import { PeriodicWorker, type PeriodicSchedule } from '@welkom/platform';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { SubjectResealService } from './subject-reseal.service';

/** Re-seals identifiers under the current sealing key every SUBJECT_RESEAL_INTERVAL_MS (at once after start). */
@Injectable()
export class SubjectResealWorker extends PeriodicWorker {
  constructor(
    private readonly reseal: SubjectResealService,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'SUBJECT_RESEAL_INTERVAL_MS' | 'SUBJECT_RESEAL_BATCH'>,
  ) {
    super();
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.SUBJECT_RESEAL_INTERVAL_MS, firstRunAfterMs: 0, description: 'Re-sealing identifiers' };
  }

  protected async runOnce(): Promise<void> {
    await this.reseal.resealPending(this.config.SUBJECT_RESEAL_BATCH, () => this.stopping);
  }
}
