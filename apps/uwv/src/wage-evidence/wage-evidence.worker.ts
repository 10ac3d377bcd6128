import { Inject, Injectable } from '@nestjs/common';
import { type PeriodicSchedule, PeriodicWorker } from '@welkom/platform';
import { UWV_CONFIG, type UwvConfig } from '../uwv.config';
import { WageEvidenceService } from './wage-evidence.service';

/** Answers the wage-evidence requests the hub routed to UWV, then revokes the facts later declarations undo. */
@Injectable()
export class WageEvidenceWorker extends PeriodicWorker {
  constructor(
    private readonly wageEvidence: WageEvidenceService,
    @Inject(UWV_CONFIG) private readonly config: Pick<UwvConfig, 'WAGE_EVIDENCE_POLL_INTERVAL_MS'>,
  ) {
    super();
  }

  protected schedule(): PeriodicSchedule {
    return { intervalMs: this.config.WAGE_EVIDENCE_POLL_INTERVAL_MS, description: 'wage evidence round' };
  }

  protected async runOnce(): Promise<void> {
    const issued = await this.wageEvidence.answerOpenRequests();
    const revoked = await this.wageEvidence.revokeLapsedFacts();
    if (issued + revoked > 0) this.logger.log(`wage facts issued ${issued}, revoked ${revoked}`);
  }
}
