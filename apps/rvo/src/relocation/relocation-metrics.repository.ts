import { Inject, Injectable } from '@nestjs/common';
import { METRICS_REGISTRY } from '@welkom/observability';
import { Counter, Gauge, type Registry } from 'prom-client';

/** Prometheus figures of the relocation referrals; a repository because a metric is a side effect. */
@Injectable()
export class RelocationMetricsRepository {
  private readonly referrals: Counter<'centre_code' | 'category' | 'basis'>;
  private readonly unserved: Counter<'category'>;
  private readonly capacity: Gauge<'centre_code'>;
  private readonly uptake: Gauge<'centre_code'>;

  constructor(@Inject(METRICS_REGISTRY) registry: Registry) {
    this.referrals = new Counter({
      name: 'welkom_rvo_relocation_referrals_total',
      help: 'Arrivals RVO referred to a regional welcome centre, by centre, permit category and basis.',
      labelNames: ['centre_code', 'category', 'basis'],
      registers: [registry],
    });
    this.unserved = new Counter({
      name: 'welkom_rvo_relocation_arrivals_unserved_total',
      help: 'Arrivals no welcome centre serves (no centre named, none for the municipality of work or residence).',
      labelNames: ['category'],
      registers: [registry],
    });
    this.capacity = new Gauge({
      name: 'welkom_rvo_welcome_centre_monthly_capacity',
      help: 'Referrals a welcome centre takes in this month (reference data).',
      labelNames: ['centre_code'],
      registers: [registry],
    });
    this.uptake = new Gauge({
      name: 'welkom_rvo_welcome_centre_monthly_referrals',
      help: 'Referrals to a welcome centre with an arrival this month, as last counted.',
      labelNames: ['centre_code'],
      registers: [registry],
    });
  }

  referred(centreCode: string, category: string, basis: string): void {
    this.referrals.inc({ centre_code: centreCode, category, basis });
  }

  unservedArrival(category: string): void {
    this.unserved.inc({ category });
  }

  monthCounted(centreCode: string, capacity: number | undefined, referred: number): void {
    if (capacity !== undefined) this.capacity.set({ centre_code: centreCode }, capacity);
    this.uptake.set({ centre_code: centreCode }, referred);
  }
}
