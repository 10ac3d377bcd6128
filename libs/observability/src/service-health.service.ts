import { Inject, Injectable } from '@nestjs/common';
import { HealthCheckService, HealthIndicatorService, type HealthCheckResult } from '@nestjs/terminus';
import { HEALTH_PROBES, type HealthProbe } from './health-probe';

const PROBE_TIMEOUT_MS = 3_000;

function withTimeout<T>(work: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not answer within ${ms} ms`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

/** One answer to "can this service do its work?", shared by HTTP /health and the gRPC health service. */
@Injectable()
export class ServiceHealthService {
  constructor(
    private readonly healthChecks: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(HEALTH_PROBES) private readonly probes: HealthProbe[],
  ) {}

  /** Rejects (terminus ServiceUnavailableException, HTTP 503) when any probe is down. */
  check(): Promise<HealthCheckResult> {
    return this.healthChecks.check(
      this.probes.map((probe) => async () => {
        const session = this.indicators.check(probe.name);
        try {
          return session.up(await withTimeout(probe.check(), PROBE_TIMEOUT_MS, probe.name));
        } catch (error) {
          return session.down({ message: error instanceof Error ? error.message : String(error) });
        }
      }),
    );
  }

  async isServing(): Promise<boolean> {
    try {
      const result = await this.check();
      return result.status === 'ok';
    } catch {
      return false;
    }
  }
}
