/** A checkpoint of the hub's audit chain, as a party reads it from the hub's signed record. */
export interface SeenCheckpoint {
  chainId: string;
  /** A decimal int64. */
  sequence: string;
  /** Hex SHA-256. */
  entryHash: string;
  takenAt: Date;
}

/** What this party already countersigned of one chain, and whether it raised an alarm about that chain. */
export interface CountersigningHistory {
  /** The countersigned checkpoint with the highest sequence, if any. */
  latest: { sequence: string; entryHash: string } | undefined;
  /** The countersigned checkpoint with the same sequence as the one judged, if any. */
  sameSequence: { sequence: string; entryHash: string } | undefined;
  /** An alarm was raised about this chain before. */
  alarmed: boolean;
}

export type CheckpointJudgement =
  | { verdict: 'COUNTERSIGN' }
  /** The same checkpoint again (another record of it, a re-read): it was countersigned once, that stands. */
  | { verdict: 'ALREADY_COUNTERSIGNED' }
  /** After a rewind or a fork this party signs nothing more of the chain: what follows cannot be told apart. */
  | { verdict: 'REFUSED_AFTER_ALARM' }
  | { verdict: 'REWIND' | 'FORK'; problem: string };

/**
 * Whether a party may countersign a checkpoint: only when it continues what the party countersigned before. A
 * sequence below the highest one countersigned is a rewind (the hub's chain only grows); a sequence countersigned
 * before with another hash is a fork (two histories under one chain). Either is refused for good.
 */
export function judgeCheckpoint(history: CountersigningHistory, checkpoint: SeenCheckpoint): CheckpointJudgement {
  if (history.sameSequence !== undefined) {
    if (history.sameSequence.entryHash === checkpoint.entryHash) return { verdict: 'ALREADY_COUNTERSIGNED' };
    return {
      verdict: 'FORK',
      problem:
        `checkpoint ${checkpoint.sequence} of chain ${checkpoint.chainId} now has hash ${checkpoint.entryHash}, ` +
        `but this party countersigned it with hash ${history.sameSequence.entryHash}`,
    };
  }
  if (history.alarmed) return { verdict: 'REFUSED_AFTER_ALARM' };
  if (history.latest !== undefined && BigInt(checkpoint.sequence) < BigInt(history.latest.sequence)) {
    return {
      verdict: 'REWIND',
      problem:
        `checkpoint ${checkpoint.sequence} of chain ${checkpoint.chainId} goes back behind checkpoint ` +
        `${history.latest.sequence}, which this party countersigned`,
    };
  }
  return { verdict: 'COUNTERSIGN' };
}
