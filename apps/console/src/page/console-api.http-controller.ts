import { Controller, Get, UseFilters } from '@nestjs/common';
import { HttpErrorFilter } from '@welkom/runtime';
import type { AuditPanel } from '../panels/audit.panel';
import { type ConsolePanels, ConsolePanelsService } from '../panels/console-panels.service';

/**
 * The console's JSON: every panel, and the audit checkpoints verified on demand. GET only: the console changes
 * nothing anywhere (a DLT replay or a grant approval needs an operator's own certificate: `npm run dlt`, grpcurl).
 */
@Controller('api')
@UseFilters(HttpErrorFilter)
export class ConsoleApiHttpController {
  constructor(private readonly panels: ConsolePanelsService) {}

  @Get('panels')
  all(): Promise<ConsolePanels> {
    return this.panels.panels();
  }

  @Get('audit/verify')
  verifyAudit(): Promise<AuditPanel> {
    return this.panels.verifyAudit();
  }
}
