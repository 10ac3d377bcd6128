import { inChunks, runChunkPipeline } from './chunk.pipeline';

/** A promise the test settles by hand, to put the stages in a chosen order. */
function deferred<T>(): { promise: Promise<T>; resolve(value: T): void; reject(error: Error): void } {
  let resolve!: (value: T) => void;
  let reject!: (error: Error) => void;
  const promise = new Promise<T>((ok, fail) => {
    [resolve, reject] = [ok, fail];
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('runChunkPipeline', () => {
  it('decodes the next chunk while this one is applied, and applies strictly in order', async () => {
    const log: string[] = [];
    const applying = [deferred<void>(), deferred<void>(), deferred<void>()];
    const run = runChunkPipeline([[1], [2], [3]], {
      decode: async (chunk) => {
        log.push(`decode ${chunk[0]}`);
        return chunk[0] * 10;
      },
      apply: async (chunk, decoded) => {
        log.push(`apply ${chunk[0]} (${decoded})`);
        await applying[chunk[0] - 1].promise;
        log.push(`applied ${chunk[0]}`);
        return true;
      },
      proceed: () => true,
    });
    await tick();
    expect(log).toEqual(['decode 1', 'decode 2', 'apply 1 (10)']);
    applying[1].resolve();
    await tick();
    // Chunk 2's apply waits for chunk 1's, however early it could start.
    expect(log).not.toContain('apply 2 (20)');
    applying[0].resolve();
    applying[2].resolve();
    await run;
    expect(log).toEqual([
      'decode 1',
      'decode 2',
      'apply 1 (10)',
      'applied 1',
      'decode 3',
      'apply 2 (20)',
      'applied 2',
      'apply 3 (30)',
      'applied 3',
    ]);
  });

  it('stops before a chunk when told to, and drops the decode running ahead (its failure too)', async () => {
    const applied: number[] = [];
    let going = true;
    await expect(
      runChunkPipeline([[1], [2], [3]], {
        decode: async (chunk) => {
          if (chunk[0] === 2) throw new Error('the certificate directory is unreachable');
          return chunk[0];
        },
        apply: async (chunk) => {
          applied.push(chunk[0]);
          going = false;
          return true;
        },
        proceed: () => going,
      }),
    ).resolves.toBeUndefined();
    expect(applied).toEqual([1]);
  });

  it('stops after an apply that says so, without applying the rest', async () => {
    const applied: number[] = [];
    await runChunkPipeline([[1], [2], [3]], {
      decode: async (chunk) => chunk,
      apply: async (chunk) => {
        applied.push(chunk[0]);
        return chunk[0] < 2;
      },
      proceed: () => true,
    });
    expect(applied).toEqual([1, 2]);
  });

  it('fails with the apply failure, not with the decode running ahead', async () => {
    const run = runChunkPipeline([[1], [2]], {
      decode: async (chunk) => {
        if (chunk[0] === 2) throw new Error('decode 2 failed');
        return chunk;
      },
      apply: async () => {
        throw new Error('apply 1 failed');
      },
      proceed: () => true,
    });
    await expect(run).rejects.toThrow('apply 1 failed');
  });

  it('fails with a decode failure once its chunk is due', async () => {
    const applied: number[] = [];
    const run = runChunkPipeline([[1], [2]], {
      decode: async (chunk) => {
        if (chunk[0] === 2) throw new Error('decode 2 failed');
        return chunk;
      },
      apply: async (chunk) => {
        applied.push(chunk[0]);
        return true;
      },
      proceed: () => true,
    });
    await expect(run).rejects.toThrow('decode 2 failed');
    expect(applied).toEqual([1]);
  });
});

describe('inChunks', () => {
  it('splits in order into runs of at most the size', () => {
    expect(inChunks([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(inChunks([], 200)).toEqual([]);
    expect(() => inChunks([1], 0)).toThrow(/positive integer/);
  });
});
