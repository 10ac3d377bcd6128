import { createHash } from 'node:crypto';
import type { FacilitatorChange, FacilitatorStanding } from './facilitator';
import { GENESIS_HASH } from './facilitator';

function standingJson(standing: FacilitatorStanding | null): unknown {
  return standing === null
    ? null
    : [
        standing.kvkNumber,
        standing.name,
        standing.registeredInKvk,
        standing.hasStartUpGuidanceExperience,
        standing.bankrupt,
        standing.negativeEquity,
      ];
}

/** The hash of a change: its predecessor's hash and its own content in a fixed order, so any edit shows. */
export function changeHash(previousHash: string, change: Omit<FacilitatorChange, 'sequence' | 'previousHash' | 'hash'>): string {
  const content = JSON.stringify([
    change.kvkNumber,
    change.changedByOin,
    change.operator,
    change.changedAt.toISOString(),
    standingJson(change.before),
    standingJson(change.after),
    change.reason,
  ]);
  return createHash('sha256').update(previousHash).update('\n').update(content).digest('hex');
}

/** True when every change links to the one before it and its hash matches its content (the whole log, in order). */
export function chainIntact(changes: readonly FacilitatorChange[]): boolean {
  let previous = GENESIS_HASH;
  for (const change of changes) {
    if (change.previousHash !== previous || changeHash(previous, change) !== change.hash) return false;
    previous = change.hash;
  }
  return true;
}
