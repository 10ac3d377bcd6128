import { type BatchItemResult, MicroBatcher } from './micro-batcher';

function deferred(): { promise: Promise<void>; release: () => void } {
  let release = (): void => undefined;
  const promise = new Promise<void>((resolve) => {
    release = resolve;
  });
  return { promise, release };
}

describe('MicroBatcher', () => {
  it('handles a lone item at once, in a batch of one', async () => {
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        return items.map((value) => ({ ok: true, value: value * 2 }));
      },
      { maxBatchSize: 10, maxConcurrentBatches: 1 },
    );

    await expect(batcher.submit(21)).resolves.toBe(42);
    expect(batches).toEqual([[21]]);
  });

  it('puts items that arrive while a batch is in flight into the next batch together', async () => {
    const gate = deferred();
    const batches: number[][] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        batches.push(items);
        if (batches.length === 1) await gate.promise;
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatchSize: 10, maxConcurrentBatches: 1 },
    );

    const first = batcher.submit(1);
    await new Promise((resolve) => setImmediate(resolve));
    const later = [2, 3, 4].map((value) => batcher.submit(value));
    gate.release();

    await expect(Promise.all([first, ...later])).resolves.toEqual([1, 2, 3, 4]);
    expect(batches).toEqual([[1], [2, 3, 4]]);
  });

  it('never puts more than maxBatchSize items in one batch', async () => {
    const sizes: number[] = [];
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        sizes.push(items.length);
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatchSize: 3, maxConcurrentBatches: 1 },
    );

    await Promise.all(Array.from({ length: 7 }, (_, i) => batcher.submit(i)));
    expect(sizes).toEqual([3, 3, 1]);
  });

  it('fails only the items whose result is a failure', async () => {
    const batcher = new MicroBatcher<number, number>(
      async (items) =>
        items.map((value): BatchItemResult<number> =>
          value % 2 === 0 ? { ok: true, value } : { ok: false, error: new Error(`odd ${value}`) },
        ),
      { maxBatchSize: 10, maxConcurrentBatches: 1 },
    );

    const results = await Promise.allSettled([batcher.submit(2), batcher.submit(3)]);
    expect(results[0]).toEqual({ status: 'fulfilled', value: 2 });
    expect(results[1]).toMatchObject({ status: 'rejected', reason: new Error('odd 3') });
  });

  it('fails every item of a batch whose handler throws, and keeps serving later items', async () => {
    let calls = 0;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        calls += 1;
        if (calls === 1) throw new Error('database down');
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatchSize: 10, maxConcurrentBatches: 1 },
    );

    const failed = await Promise.allSettled([batcher.submit(1), batcher.submit(2)]);
    expect(failed.map((r) => r.status)).toEqual(['rejected', 'rejected']);
    await expect(batcher.submit(3)).resolves.toBe(3);
  });

  it('runs at most maxConcurrentBatches batches at once', async () => {
    let inFlight = 0;
    let mostInFlight = 0;
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        inFlight += 1;
        mostInFlight = Math.max(mostInFlight, inFlight);
        await new Promise((resolve) => setTimeout(resolve, 5));
        inFlight -= 1;
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatchSize: 1, maxConcurrentBatches: 2 },
    );

    await Promise.all(Array.from({ length: 6 }, (_, i) => batcher.submit(i)));
    expect(mostInFlight).toBe(2);
  });

  it('tells a waiting shutdown when the last batch is done', async () => {
    const gate = deferred();
    const batcher = new MicroBatcher<number, number>(
      async (items) => {
        await gate.promise;
        return items.map((value) => ({ ok: true, value }));
      },
      { maxBatchSize: 10, maxConcurrentBatches: 1 },
    );
    const submitted = batcher.submit(1);
    let idle = false;
    const idlePromise = batcher.idle().then(() => {
      idle = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(idle).toBe(false);

    gate.release();
    await submitted;
    await idlePromise;
    expect(idle).toBe(true);
  });
});
