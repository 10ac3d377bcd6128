/** The outcome of one item of a batch: each item succeeds or fails on its own. */
export type BatchItemResult<T> = { ok: true; value: T } | { ok: false; error: unknown };

export interface MicroBatcherOptions {
  /** Items per batch at most; more wait for the next batch. */
  maxBatchSize: number;
  /** Batches in flight at once. Two lets one batch read while the other commits. */
  maxConcurrentBatches: number;
}

interface Pending<TItem, TResult> {
  item: TItem;
  resolve: (value: TResult) => void;
  reject: (error: unknown) => void;
}

/**
 * Group commit at the application level. Callers submit one item each and wait for their own result;
 * items that arrive while a batch is in flight are handled together in the next one. Under load this turns
 * N transactions (each locking the audit chain head and syncing the WAL) into one, without a timer: an idle
 * service handles a lone item at once, a busy one batches by itself.
 *
 * If the handler throws, every item of that batch fails with the same error (nothing was committed).
 */
export class MicroBatcher<TItem, TResult> {
  private readonly queue: Pending<TItem, TResult>[] = [];
  private running = 0;
  private scheduled = false;
  private readonly idleWaiters: (() => void)[] = [];

  constructor(
    private readonly handle: (items: TItem[]) => Promise<BatchItemResult<TResult>[]>,
    private readonly options: MicroBatcherOptions,
  ) {
    if (options.maxBatchSize < 1 || options.maxConcurrentBatches < 1) {
      throw new Error('MicroBatcher needs maxBatchSize and maxConcurrentBatches of at least 1');
    }
  }

  submit(item: TItem): Promise<TResult> {
    return new Promise<TResult>((resolve, reject) => {
      this.queue.push({ item, resolve, reject });
      this.schedule();
    });
  }

  /** Resolves when nothing is queued or in flight (graceful shutdown). */
  async idle(): Promise<void> {
    if (this.running === 0 && this.queue.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private schedule(): void {
    if (this.scheduled || this.running >= this.options.maxConcurrentBatches) return;
    this.scheduled = true;
    // setImmediate, not a microtask: requests whose bytes arrived in the same I/O phase join this batch.
    setImmediate(() => {
      this.scheduled = false;
      this.startBatch();
    });
  }

  private startBatch(): void {
    if (this.queue.length === 0 || this.running >= this.options.maxConcurrentBatches) return;
    const batch = this.queue.splice(0, this.options.maxBatchSize);
    this.running += 1;
    void this.run(batch).finally(() => {
      this.running -= 1;
      if (this.queue.length > 0) this.schedule();
      else if (this.running === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
    });
    if (this.queue.length > 0) this.schedule();
  }

  private async run(batch: Pending<TItem, TResult>[]): Promise<void> {
    let results: BatchItemResult<TResult>[];
    try {
      results = await this.handle(batch.map((pending) => pending.item));
      if (results.length !== batch.length) {
        throw new Error(`Batch handler returned ${results.length} results for ${batch.length} items`);
      }
    } catch (error: unknown) {
      for (const pending of batch) pending.reject(error);
      return;
    }
    results.forEach((result, index) => {
      if (result.ok) batch[index].resolve(result.value);
      else batch[index].reject(result.error);
    });
  }
}
