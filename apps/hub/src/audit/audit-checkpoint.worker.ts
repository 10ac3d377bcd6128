import { Inject, Injectable } from '@nestjs/common';
import { PeriodicWorker, type PeriodicSchedule } from '@welkom/platform';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { AuditCheckpointService } from './audit-checkpoint.service';

/** Signs a checkpoint of the audit chain every AUDIT_CHECKPOINT_INTERVAL_MS when the chain grew. */
@Injectable()
export class AuditCheckpointWorker extends PeriodicWorker {
  constructor(
    private readonly checkpoints: AuditCheckpointService,
    @Inject(HUB_CONFIG) private readonly config: Pick<HubConfig, 'AUDIT_CHECKPOINT_INTERVAL_MS'>,
  ) {
    super();
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.AUDIT_CHECKPOINT_INTERVAL_MS, description: 'Signing an audit-chain checkpoint' };
  }

  protected async runOnce(): Promise<void> {
    await this.checkpoints.checkpoint();
  }
}
