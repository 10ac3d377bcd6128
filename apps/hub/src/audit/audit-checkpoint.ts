import type { ChainBreak, ChainHead } from './audit-chain';

/** The head of the audit chain at one moment, as the hub signed it and published it outside its database. */
export interface AuditCheckpoint {
  /** Which chain (see chainIdOf); checkpoints of other chains say nothing about this one. */
  chainId: string;
  sequence: string;
  entryHash: string;
  takenAt: Date;
}

/**
 * What a signed checkpoint says about the chain as stored now. `storedHash` is the hash the database holds for
 * the checkpoint's entry (undefined when that entry is gone). The chain's own hashes cannot show these: a
 * suffix recomputed after an edit, or a tail cut off together with its head, is consistent with itself.
 */
export function checkpointBreak(
  checkpoint: Pick<AuditCheckpoint, 'sequence' | 'entryHash' | 'takenAt'>,
  head: ChainHead,
  storedHash: string | undefined,
  /** How the checkpoint is named in the problem (a countersigned one names its parties). */
  named = `the signed checkpoint of ${checkpoint.takenAt.toISOString()}`,
): ChainBreak | undefined {
  if (BigInt(checkpoint.sequence) > BigInt(head.sequence)) {
    return {
      sequence: (BigInt(head.sequence) + 1n).toString(),
      problem: `${named} covers entry ${checkpoint.sequence}, but the chain head is at ${head.sequence}: entries after it were removed`,
    };
  }
  if (storedHash === undefined) {
    return {
      sequence: checkpoint.sequence,
      problem: `entry ${checkpoint.sequence}, covered by ${named}, is missing`,
    };
  }
  if (storedHash !== checkpoint.entryHash) {
    return {
      sequence: checkpoint.sequence,
      problem: `entry ${checkpoint.sequence} does not have the hash of ${named}: the chain was rewritten up to there`,
    };
  }
  return undefined;
}

/**
 * The chain's identity: AUDIT_CHAIN_ID when the operator set it (a database administrator cannot change it), else the
 * hash of the chain's first entry (unique per database; but an insider who rewrites the chain from its very first
 * entry gets a new identity with no checkpoint, so production sets AUDIT_CHAIN_ID). Undefined for an empty chain.
 */
export function chainIdOf(configured: string | undefined, firstEntryHash: string | undefined): string | undefined {
  return configured || firstEntryHash;
}

/** The checkpoint covering the most entries; of equal ones, the latest. */
export function latestCheckpoint(checkpoints: readonly AuditCheckpoint[]): AuditCheckpoint | undefined {
  return checkpoints.reduce<AuditCheckpoint | undefined>((latest, checkpoint) => {
    if (!latest) return checkpoint;
    const [a, b] = [BigInt(checkpoint.sequence), BigInt(latest.sequence)];
    return a > b || (a === b && checkpoint.takenAt > latest.takenAt) ? checkpoint : latest;
  }, undefined);
}
