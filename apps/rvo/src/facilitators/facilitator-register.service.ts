import { Injectable } from '@nestjs/common';
import { ClockRepository, TransactionRepository } from '@welkom/platform';
import { type FacilitatorChange, type FacilitatorStanding, GENESIS_HASH } from './facilitator';
import { chainIntact, changeHash } from './facilitator-change.chain';
import type { RecordFacilitatorCommand } from './facilitator-register.command';
import { FacilitatorRepository } from './facilitator.repository';

function sameStanding(a: FacilitatorStanding, b: FacilitatorStanding): boolean {
  return (
    a.name === b.name &&
    a.registeredInKvk === b.registeredInKvk &&
    a.hasStartUpGuidanceExperience === b.hasStartUpGuidanceExperience &&
    a.bankrupt === b.bankrupt &&
    a.negativeEquity === b.negativeEquity
  );
}

/**
 * RVO's facilitator register (DOMAIN.md §1.7): operators record a facilitator's standing; every change is written
 * with who made it, when and why, before and after, into a hash-chained log in the same transaction. The start-up
 * assessment reads a registered facilitator's standing from here.
 */
@Injectable()
export class FacilitatorRegisterService {
  constructor(
    private readonly transactions: TransactionRepository,
    private readonly facilitators: FacilitatorRepository,
    private readonly clock: ClockRepository,
  ) {}

  record(
    callerOin: string,
    command: RecordFacilitatorCommand,
  ): Promise<{ standing: FacilitatorStanding; change: FacilitatorChange | undefined }> {
    return this.transactions.run(async (tx) => {
      await this.facilitators.lockLog(tx);
      const before = await this.facilitators.find(tx, command.standing.kvkNumber);
      if (before !== undefined && sameStanding(before, command.standing)) return { standing: before, change: undefined };
      const previousHash = (await this.facilitators.lastHash(tx)) ?? GENESIS_HASH;
      const content = {
        kvkNumber: command.standing.kvkNumber,
        changedByOin: callerOin,
        operator: command.operator,
        changedAt: this.clock.now(),
        before: before ?? null,
        after: command.standing,
        reason: command.reason,
      };
      const change = await this.facilitators.save(tx, command.standing, {
        ...content,
        previousHash,
        hash: changeHash(previousHash, content),
      });
      return { standing: command.standing, change };
    });
  }

  /** The changes asked for, and whether the whole log's chain is intact. */
  async changes(kvkNumber: string | undefined): Promise<{ changes: FacilitatorChange[]; chainIntact: boolean }> {
    const all = await this.facilitators.changes(undefined);
    return {
      changes: kvkNumber === undefined ? all : all.filter((change) => change.kvkNumber === kvkNumber),
      chainIntact: chainIntact(all),
    };
  }

  standing(kvkNumber: string): Promise<FacilitatorStanding | undefined> {
    return this.facilitators.find(undefined, kvkNumber);
  }
}
