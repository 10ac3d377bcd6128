import { Logger } from '@nestjs/common';
import { PeriodicWorker, type PeriodicSchedule } from './periodic.worker';

class CountingWorker extends PeriodicWorker {
  readonly starts: number[] = [];
  private readonly t0 = Date.now();
  finish: (() => void) | null = null;
  failNext = false;

  constructor(private readonly settings: PeriodicSchedule) {
    super();
  }

  get isStopping(): boolean {
    return this.stopping;
  }

  protected schedule(): PeriodicSchedule {
    return this.settings;
  }

  protected runOnce(): Promise<void> {
    this.starts.push(Date.now() - this.t0);
    if (this.failNext) {
      this.failNext = false;
      return Promise.reject(new Error('database down'));
    }
    return new Promise<void>((resolve) => (this.finish = resolve));
  }

  async complete(afterMs = 0): Promise<void> {
    await jest.advanceTimersByTimeAsync(afterMs);
    this.finish?.();
    this.finish = null;
    await jest.advanceTimersByTimeAsync(0);
  }
}

const advance = (ms: number): Promise<void> => jest.advanceTimersByTimeAsync(ms).then(() => undefined);

beforeEach(() => jest.useFakeTimers());
afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('PeriodicWorker', () => {
  it('runs first after the interval, then an interval after each run ended', async () => {
    const worker = new CountingWorker({ intervalMs: 1_000, description: 'Counting' });
    worker.onApplicationBootstrap();
    await advance(999);
    expect(worker.starts).toEqual([]);
    await advance(1);
    expect(worker.starts).toEqual([1_000]);
    await worker.complete(500);
    await advance(999);
    expect(worker.starts).toEqual([1_000]);
    await advance(1);
    expect(worker.starts).toEqual([1_000, 2_500]);
  });

  it('runs at once after start when asked to catch up', async () => {
    const worker = new CountingWorker({ intervalMs: 1_000, firstRunAfterMs: 0, description: 'Counting' });
    worker.onApplicationBootstrap();
    await advance(0);
    expect(worker.starts).toEqual([0]);
  });

  it('never starts a run while one is in flight, however long it takes', async () => {
    const worker = new CountingWorker({ intervalMs: 1_000, firstRunAfterMs: 0, description: 'Counting' });
    worker.onApplicationBootstrap();
    await advance(10_000);
    expect(worker.starts).toEqual([0]);
  });

  it('logs a failed run with its reason and tries again at the next tick', async () => {
    const warn = jest.spyOn(Logger.prototype, 'warn').mockImplementation(() => undefined);
    const worker = new CountingWorker({ intervalMs: 1_000, firstRunAfterMs: 0, description: 'Counting things' });
    worker.failNext = true;
    worker.onApplicationBootstrap();
    await advance(0);
    expect(warn).toHaveBeenCalledWith('Counting things failed: database down');
    await advance(1_000);
    expect(worker.starts).toEqual([0, 1_000]);
  });

  it('waits for the run in flight on shutdown and starts none after it', async () => {
    const worker = new CountingWorker({ intervalMs: 1_000, firstRunAfterMs: 0, description: 'Counting' });
    worker.onApplicationBootstrap();
    await advance(0);
    let stopped = false;
    const stopping = worker.beforeApplicationShutdown().then(() => (stopped = true));
    expect(worker.isStopping).toBe(true);
    await advance(0);
    expect(stopped).toBe(false);
    await worker.complete();
    await stopping;
    await advance(10_000);
    expect(worker.starts).toEqual([0]);
  });
});
