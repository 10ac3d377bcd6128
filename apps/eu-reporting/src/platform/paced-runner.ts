export interface PacedRunnerSettings {
  /** Shortest time from the start of one run to the start of the next. */
  readonly intervalMs: number;
  /**
   * Largest share of the time the work may take (0 < share ≤ 1): after a run of d ms the next starts at the
   * earliest d / share ms after this one did. Work that grows with the data (recomputing every published
   * table) then slows down instead of crowding out what feeds it.
   */
  readonly maxShare: number;
}

/**
 * Runs a piece of work on demand, paced and never twice at once: `schedule()` calls that arrive while a run
 * waits or runs are folded into one more run after it. For work whose cost does not depend on how many
 * changes triggered it, so a burst of ten thousand event batches costs a handful of runs, and the last
 * change is always followed by a run.
 */
export class PacedRunner {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = false;
  private lastStart = Number.NEGATIVE_INFINITY;
  private lastDuration = 0;

  constructor(
    private readonly work: () => Promise<void>,
    private readonly settings: PacedRunnerSettings,
    /** A failed run is reported here and retried after the pause. */
    private readonly onError: (error: unknown) => void,
    private readonly now: () => number = Date.now,
  ) {
    if (!(settings.maxShare > 0 && settings.maxShare <= 1)) throw new Error('maxShare must be in (0, 1]');
  }

  schedule(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) return;
    const gap = Math.max(this.settings.intervalMs, this.lastDuration / this.settings.maxShare);
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.start();
      },
      Math.max(0, this.lastStart + gap - this.now()),
    );
  }

  /** Waits for a run in flight and cancels the rest (shutdown). */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private start(): void {
    const started = this.now();
    this.lastStart = started;
    this.running = this.work()
      .catch((error: unknown) => {
        this.onError(error);
        this.again = true;
      })
      .finally(() => {
        this.lastDuration = this.now() - started;
        this.running = null;
        if (this.again) {
          this.again = false;
          this.schedule();
        }
      });
  }
}
