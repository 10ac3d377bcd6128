import { Injectable } from '@nestjs/common';
import { ClockRepository, TransactionRepository } from '@welkom/platform';
import type { WageDeclarationImport } from './wage-declaration';
import type { WageDeclarationLine } from './wage-declaration.command';
import { WageDeclarationRepository } from './wage-declaration.repository';

/**
 * Keeps employers' wage declarations. A declaration that no longer meets a criterion UWV vouched for is noticed
 * by the wage-evidence sweep, which revokes the fact at the hub (wage-evidence.service.ts).
 */
@Injectable()
export class WageDeclarationService {
  constructor(
    private readonly declarations: WageDeclarationRepository,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
  ) {}

  /** The employer is the caller: a payroll declares only its own employees' wages. */
  async import(employerOin: string, lines: readonly WageDeclarationLine[]): Promise<WageDeclarationImport> {
    const imported = await this.transactions.run((tx) =>
      this.declarations.insertNew(
        tx,
        lines.map((line) => ({ ...line, employerOin })),
        this.clock.now(),
      ),
    );
    return { imported, alreadyImported: lines.length - imported };
  }
}
