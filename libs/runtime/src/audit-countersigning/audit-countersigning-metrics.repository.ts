import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@welkom/observability';
import { Counter, type Registry } from 'prom-client';

/** Prometheus figures of the party's counter-signing; a repository because a metric is a side effect. */
@Injectable()
export class AuditCountersigningMetricsRepository {
  private readonly judged: Counter<'verdict'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.judged = new Counter({
      name: 'welkom_audit_checkpoints_judged_total',
      help:
        "The hub's audit checkpoints this party judged, by verdict: COUNTERSIGN, ALREADY_COUNTERSIGNED, and the " +
        'refusals REWIND, FORK (each an alarm to look into) and REFUSED_AFTER_ALARM.',
      labelNames: ['verdict'],
      registers: [registry],
    });
  }

  checkpointJudged(verdict: string): void {
    this.judged.inc({ verdict });
  }
}
