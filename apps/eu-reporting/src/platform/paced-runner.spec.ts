import { PacedRunner } from './paced-runner';

/** Jest's fake clock and timers, moved by hand: no test here waits for real time. */
function setup(settings = { intervalMs: 1_000, maxShare: 0.25 }) {
  const t0 = Date.now();
  const starts: number[] = [];
  const errors: unknown[] = [];
  let finish: (() => void) | null = null;
  let fail = false;
  const runner = new PacedRunner(
    () => {
      starts.push(Date.now() - t0);
      if (fail) {
        fail = false;
        return Promise.reject(new Error('database down'));
      }
      return new Promise<void>((resolve) => (finish = resolve));
    },
    settings,
    (error) => errors.push(error),
  );
  const advance = async (ms: number): Promise<void> => {
    await jest.advanceTimersByTimeAsync(ms);
  };
  /** The run in flight ends `afterMs` from now. */
  const complete = async (afterMs = 0): Promise<void> => {
    await jest.advanceTimersByTimeAsync(afterMs);
    finish?.();
    finish = null;
    await jest.advanceTimersByTimeAsync(0);
  };
  return { runner, starts, errors, advance, complete, failNext: () => (fail = true) };
}

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe('paced runs', () => {
  it('folds requests that arrive while a run waits or runs into one more run', async () => {
    const t = setup();
    t.runner.schedule();
    t.runner.schedule();
    await t.advance(0);
    expect(t.starts).toEqual([0]);
    t.runner.schedule();
    t.runner.schedule();
    await t.complete(10);
    await t.advance(989);
    expect(t.starts).toEqual([0]);
    await t.advance(1);
    expect(t.starts).toEqual([0, 1_000]);
    await t.complete();
    await t.advance(5_000);
    expect(t.starts).toEqual([0, 1_000]);
  });

  it('never runs twice at once', async () => {
    const t = setup();
    t.runner.schedule();
    await t.advance(0);
    t.runner.schedule();
    await t.complete(10_000);
    expect(t.starts).toEqual([0]);
    await t.advance(30_000); // a 10 s run at a 25 % share: the next starts 40 s after it began
    expect(t.starts).toEqual([0, 40_000]);
  });

  it('spaces long runs so they take at most their share of the time', async () => {
    const t = setup();
    t.runner.schedule();
    await t.advance(0);
    await t.complete(2_000); // a 2 s run at a 25 % share: the next starts 8 s after this one did
    t.runner.schedule();
    await t.advance(5_999);
    expect(t.starts).toEqual([0]);
    await t.advance(1);
    expect(t.starts).toEqual([0, 8_000]);
  });

  it('reports a failed run and tries again', async () => {
    const t = setup();
    t.failNext();
    t.runner.schedule();
    await t.advance(0);
    expect(t.errors.map((e) => (e as Error).message)).toEqual(['database down']);
    await t.advance(1_000);
    expect(t.starts).toEqual([0, 1_000]);
  });

  it('runs nothing more once stopped', async () => {
    const t = setup();
    t.runner.schedule();
    await t.advance(0);
    t.runner.schedule();
    const stopped = t.runner.stop();
    await t.complete();
    await stopped;
    await t.advance(10_000);
    expect(t.starts).toEqual([0]);
  });
});
