import { Inject, Injectable } from '@nestjs/common';
import { ClockRepository, TransactionRepository } from '@welkom/platform';
import { RvoError } from '../rvo.errors';
import { START_UP_RULES, type StartUpRules } from '../start-up/start-up-rules.reference';
import type { AdviseEssentialEmployeeCommand } from './essential-employee-advice.command';
import type { EssentialEmployeeAdviceRecord } from './essential-employee-advice';
import { EssentialEmployeeAdviceRepository } from './essential-employee-advice.repository';
import { adviseOnEssentialEmployee } from './essential-personnel.policy';
import { ESSENTIAL_PERSONNEL_RULES, type EssentialPersonnelRules } from './essential-personnel.reference';

export interface EssentialEmployeeAdviceResult {
  readonly advice: EssentialEmployeeAdviceRecord;
  readonly alreadyAdvised: boolean;
}

/**
 * RVO's advice on an essential start-up employee (DOMAIN.md §1.7). RVO counts the start-up's permits itself, from
 * its own advices that hold a slot (positive, or pending on the wage), under a lock per start-up: the 6th is
 * refused however the requests race. The salary rule needs UWV's WAGE_MEETS_THRESHOLD evidence; UWV's connector
 * (issue #10) is not in this branch, so that rule stays pending and a passing advice is PENDING, never POSITIVE.
 */
@Injectable()
export class EssentialEmployeeAdviceService {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly advices: EssentialEmployeeAdviceRepository,
    private readonly clock: ClockRepository,
    @Inject(ESSENTIAL_PERSONNEL_RULES) private readonly rules: EssentialPersonnelRules,
    @Inject(START_UP_RULES) private readonly startUpRules: StartUpRules,
  ) {}

  advise(command: AdviseEssentialEmployeeCommand): Promise<EssentialEmployeeAdviceResult> {
    return this.transactions.run(async (tx) => {
      await this.advices.lockStartUp(tx, command.startUpKvkNumber);
      const stored = await this.advices.find(tx, command.adviceReference);
      if (stored !== undefined) return { advice: stored, alreadyAdvised: true };

      const innovationRules = this.startUpRules.on(command.facts.receivedOn)?.innovation;
      if (innovationRules === undefined)
        throw new RvoError('RULES_NOT_IN_FORCE', `no start-up rules are in force on ${command.facts.receivedOn}`);
      const permitsHeld = await this.advices.slotsHeld(tx, command.startUpKvkNumber);
      const advice = adviseOnEssentialEmployee({ ...command.facts, permitsHeld, wage: 'NOT_YET_ISSUED' }, this.rules, innovationRules);
      const record: EssentialEmployeeAdviceRecord = {
        adviceReference: command.adviceReference,
        startUpKvkNumber: command.startUpKvkNumber,
        outcome: advice.outcome,
        reasonCodes: advice.reasonCodes,
        ruleVersion: advice.ruleVersion,
        receivedOn: command.facts.receivedOn,
        residenceSchemeUntil: advice.residenceSchemeUntil ?? null,
        startUpPermitsCounted: advice.outcome === 'NEGATIVE' ? permitsHeld : permitsHeld + 1,
        recordedAt: this.clock.now(),
      };
      await this.advices.record(tx, record);
      return { advice: record, alreadyAdvised: false };
    });
  }
}
