/** What one run measured: events per second from the first send to the last apply, and latency quantiles. */
export interface RunFigures {
  events: number;
  seconds: number;
  eventsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** Nearest-rank quantile of `values` (which it sorts). */
export function quantile(values: number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  values.sort((a, b) => a - b);
  return values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))];
}

export function figures(latenciesMs: number[], firstSentAt: number, lastAppliedAt: number): RunFigures {
  const seconds = (lastAppliedAt - firstSentAt) / 1_000;
  return {
    events: latenciesMs.length,
    seconds,
    eventsPerSecond: latenciesMs.length / seconds,
    p50Ms: quantile(latenciesMs, 0.5),
    p99Ms: quantile(latenciesMs, 0.99),
  };
}

/** Resolves once `expected` events were counted, or rejects with how far it got. */
export class Arrivals {
  readonly latenciesMs: number[] = [];
  lastAt = 0;
  private resolveDone: () => void = () => undefined;
  readonly done: Promise<void>;

  constructor(private readonly expected: number) {
    this.done = new Promise((resolve) => (this.resolveDone = resolve));
  }

  record(sentAtMs: number, now = Date.now()): void {
    this.latenciesMs.push(now - sentAtMs);
    this.lastAt = now;
    if (this.latenciesMs.length === this.expected) this.resolveDone();
  }

  async within(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`only ${this.latenciesMs.length} of ${this.expected} events arrived within ${timeoutMs} ms`)),
        timeoutMs,
      );
    });
    await Promise.race([this.done, timeout]).finally(() => clearTimeout(timer));
  }
}
