import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@welkom/observability';
import { Gauge, type Registry } from 'prom-client';
import type { PostCapacity } from './capacity-figures';
import { CapacityService } from './capacity.service';

/** The capacity figures (GET /capacity) as Prometheus gauges, read from the database at each scrape. */
@Injectable()
export class CapacityMetricsRepository {
  constructor(@Inject(METRICS_REGISTRY) registry: Registry, capacity: CapacityService) {
    const gauge = (name: string, help: string, labelNames: string[], fill: (gauge: Gauge, post: PostCapacity) => void): void => {
      new Gauge({
        name,
        help,
        labelNames,
        registers: [registry],
        async collect() {
          const report = await capacity.report();
          this.reset();
          report.posts.forEach((post) => fill(this, post));
        },
      });
    };
    gauge('consular_slots_offered', 'Slots offered at the post', ['post'], (g, p) => g.set({ post: p.post }, p.slotsOffered));
    gauge('consular_slots_used', 'Offered slots at the post where the biometrics were taken', ['post'], (g, p) =>
      g.set({ post: p.post }, p.slotsUsed),
    );
    gauge(
      'consular_waiting_days',
      'Days to the first free slot at the post asked first (nearest-rank quantiles)',
      ['post', 'quantile'],
      (g, p) => {
        if (p.waitingDaysP50 !== null) g.set({ post: p.post, quantile: '0.5' }, p.waitingDaysP50);
        if (p.waitingDaysP90 !== null) g.set({ post: p.post, quantile: '0.9' }, p.waitingDaysP90);
      },
    );
    gauge('consular_pooled_to_other_posts', 'Applicants who asked the post first and were offered a slot at another', ['post'], (g, p) =>
      g.set({ post: p.post }, p.pooledToOtherPosts),
    );
  }
}
