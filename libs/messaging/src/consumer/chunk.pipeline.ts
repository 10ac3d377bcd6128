/** The two stages of a run of records: verifying (no side effects) and applying (then committing). */
export interface ChunkStages<T, D> {
  decode(chunk: T[]): Promise<D>;
  /** Applies and commits one chunk; false stops the run (the rest is redelivered to whoever owns it next). */
  apply(chunk: T[], decoded: D): Promise<boolean>;
  /** Checked before each chunk: false after a rebalance, a seek or a shutdown. */
  proceed(): boolean;
}

/**
 * Runs chunks through both stages with the next chunk's decode overlapping this chunk's apply. Verification
 * changes nothing and never needs the effects of the chunk before it, so it may run ahead by one chunk; applying
 * and committing stay strictly in order, one chunk after the other. A decode started for a chunk that is never
 * applied (stopped, or the apply failed) is dropped, its failure included.
 */
export async function runChunkPipeline<T, D>(chunks: readonly T[][], stages: ChunkStages<T, D>): Promise<void> {
  if (chunks.length === 0) return;
  let decoding = stages.decode(chunks[0]);
  const drop = (): void => void decoding.catch(() => undefined);
  for (const [index, chunk] of chunks.entries()) {
    if (!stages.proceed()) return drop();
    const decoded = await decoding;
    if (index + 1 < chunks.length) decoding = stages.decode(chunks[index + 1]);
    let more: boolean;
    try {
      more = await stages.apply(chunk, decoded);
    } catch (error) {
      drop();
      throw error;
    }
    if (!more) return drop();
  }
}

/** Consecutive runs of at most `size` items, in order. */
export function inChunks<T>(items: readonly T[], size: number): T[][] {
  if (!Number.isInteger(size) || size < 1) throw new Error(`chunk size must be a positive integer, got ${size}`);
  const chunks: T[][] = [];
  for (let start = 0; start < items.length; start += size) chunks.push(items.slice(start, start + size));
  return chunks;
}
