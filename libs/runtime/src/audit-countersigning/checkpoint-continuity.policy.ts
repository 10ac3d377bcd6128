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
  sameSequence: { sequence: string; entryHash: string; takenAt: Date } | undefined;
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
 * sequence below the highest one countersigned is a rewind (the hub's chain only grows), also when it is an older
 * head the party countersigned before, signed again later; a sequence countersigned before with another hash is a
 * fork (two histories under one chain). Either is refused, and so is everything of that chain after it.
 */
export function judgeCheckpoint(history: CountersigningHistory, checkpoint: SeenCheckpoint): CheckpointJudgement {
  const same = history.sameSequence;
  if (same !== undefined && same.entryHash !== checkpoint.entryHash) {
    return {
      verdict: 'FORK',
      problem:
        `checkpoint ${checkpoint.sequence} of chain ${checkpoint.chainId} now has hash ${checkpoint.entryHash}, ` +
        `but this party countersigned it with hash ${same.entryHash}`,
    };
  }
  // The checkpoint it signed, read again (a consumer re-reading the topic); but an old head signed anew after a
  // later one is the hub going back, and is judged as a rewind below.
  if (same !== undefined && (same.takenAt.getTime() === checkpoint.takenAt.getTime() || same.sequence === history.latest?.sequence)) {
    return { verdict: 'ALREADY_COUNTERSIGNED' };
  }
  if (history.alarmed) return { verdict: 'REFUSED_AFTER_ALARM' };
  if (history.latest !== undefined && BigInt(checkpoint.sequence) < BigInt(history.latest.sequence)) {
    return {
      verdict: 'REWIND',
      problem:
        `checkpoint ${checkpoint.sequence} of chain ${checkpoint.chainId} (taken ${checkpoint.takenAt.toISOString()}) goes back ` +
        `behind checkpoint ${history.latest.sequence}, which this party countersigned`,
    };
  }
  return { verdict: 'COUNTERSIGN' };
}
