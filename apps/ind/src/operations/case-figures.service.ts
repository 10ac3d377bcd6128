import { Inject, Injectable } from '@nestjs/common';
import { ClockRepository } from '@welkom/platform';
import { IND_CONFIG, type IndConfig } from '../ind.config';
import { type CaseFigures, deadlineTallies } from './case-figures';
import { CaseFiguresRepository } from './case-figures.repository';

/** The figures the operations console shows of the IND: cases per stage, deadline clocks, evidence requests. */
@Injectable()
export class CaseFiguresService {
  constructor(
    private readonly figures: CaseFiguresRepository,
    private readonly clock: ClockRepository,
    @Inject(IND_CONFIG) private readonly config: Pick<IndConfig, 'DEADLINE_AT_RISK_WITHIN_DAYS'>,
  ) {}

  async figuresToday(): Promise<CaseFigures> {
    const today = this.clock.today();
    const atRiskWithinDays = this.config.DEADLINE_AT_RISK_WITHIN_DAYS;
    const [stages, open, evidenceRequests] = await Promise.all([
      this.figures.stageCounts(),
      this.figures.openCaseClocks(),
      this.figures.evidenceRequestCounts(),
    ]);
    return { today, atRiskWithinDays, stages, deadlines: deadlineTallies(open, today, atRiskWithinDays), evidenceRequests };
  }
}
