import { Inject, Injectable } from '@nestjs/common';
import { PeriodicWorker, type PeriodicSchedule } from '@welkom/platform';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { EvidenceRequestExpiryService } from './evidence-request-expiry.service';

/** Expires pending requests that reached their deadline, every EVIDENCE_REQUEST_EXPIRY_INTERVAL_MS. */
@Injectable()
export class EvidenceRequestExpiryWorker extends PeriodicWorker {
  constructor(
    private readonly expiry: EvidenceRequestExpiryService,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'EVIDENCE_REQUEST_EXPIRY_INTERVAL_MS'>,
  ) {
    super();
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.EVIDENCE_REQUEST_EXPIRY_INTERVAL_MS, description: 'Expiring evidence requests' };
  }

  protected async runOnce(): Promise<void> {
    await this.expiry.expireDue();
  }
}
