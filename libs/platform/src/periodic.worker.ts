import { type BeforeApplicationShutdown, Logger, type OnApplicationBootstrap } from '@nestjs/common';

export interface PeriodicSchedule {
  /** Time from the end of one run to the start of the next: a slow run delays the next, runs never overlap. */
  readonly intervalMs: number;
  /** Delay of the first run after the app started; the interval when absent. 0 runs at once (catch up). */
  readonly firstRunAfterMs?: number;
  /** What the work does, for the log line when a run fails ("<description> failed: <reason>"). */
  readonly description: string;
}

/**
 * The one way a service runs periodic work: started when the app is up, one run at a time, a failed run
 * logged and tried again at the next tick, and on shutdown no new run while the one in flight is awaited
 * (before the database goes away). A subclass says when (`schedule`) and what (`runOnce`).
 */
export abstract class PeriodicWorker implements OnApplicationBootstrap, BeforeApplicationShutdown {
  protected readonly logger = new Logger(this.constructor.name);
  private nextTick: NodeJS.Timeout | null = null;
  private currentRun: Promise<void> | null = null;
  private stopRequested = false;

  protected abstract schedule(): PeriodicSchedule;

  protected abstract runOnce(): Promise<void>;

  /** True once shutdown began: long runs check it to stop early. */
  protected get stopping(): boolean {
    return this.stopRequested;
  }

  onApplicationBootstrap(): void {
    const schedule = this.schedule();
    this.plan(schedule.firstRunAfterMs ?? schedule.intervalMs);
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopRequested = true;
    if (this.nextTick) clearTimeout(this.nextTick);
    this.nextTick = null;
    await this.currentRun;
  }

  private plan(delayMs: number): void {
    if (this.stopRequested) return;
    this.nextTick = setTimeout(() => {
      this.nextTick = null;
      this.currentRun = this.runOnce()
        .catch((error: unknown) => {
          this.logger.warn(`${this.schedule().description} failed: ${error instanceof Error ? error.message : String(error)}`);
        })
        .finally(() => {
          this.currentRun = null;
          this.plan(this.schedule().intervalMs);
        });
    }, delayMs);
    // A pending tick alone must not keep the process alive (tools, tests that forget to close).
    this.nextTick.unref();
  }
}
