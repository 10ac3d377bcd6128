import { Controller, Get } from '@nestjs/common';
import type { CaseFigures } from './case-figures';
import { CaseFiguresService } from './case-figures.service';

/**
 * GET /operations/figures: counts only (cases per category and status, open cases per deadline clock, evidence
 * requests per type and state), read by the operations console. No case id, sponsor or person is in it, so it
 * sits beside /health and /metrics on the service's HTTP port.
 */
@Controller('operations')
export class CaseFiguresHttpController {
  constructor(private readonly figures: CaseFiguresService) {}

  @Get('figures')
  figuresToday(): Promise<CaseFigures> {
    return this.figures.figuresToday();
  }
}
