/** One dependency a service needs to do its work (database, Kafka). `check` rejects when it is down. */
export interface HealthProbe {
  readonly name: string;
  check(): Promise<Record<string, unknown>>;
}

/** Multi-provider token: every module that owns a dependency contributes its probe. */
export const HEALTH_PROBES = Symbol('HEALTH_PROBES');
