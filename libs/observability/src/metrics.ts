import { Controller, Get, Header, Inject } from '@nestjs/common';
import { collectDefaultMetrics, Registry } from 'prom-client';

/** One registry per service instance, so tests that boot two apps in one process do not mix figures. */
export const METRICS_REGISTRY = Symbol('METRICS_REGISTRY');

export function createMetricsRegistry(serviceName: string): Registry {
  const registry = new Registry();
  registry.setDefaultLabels({ service: serviceName });
  collectDefaultMetrics({ register: registry });
  return registry;
}

@Controller('metrics')
export class MetricsHttpController {
  constructor(@Inject(METRICS_REGISTRY) private readonly registry: Registry) {}

  @Get()
  @Header('Content-Type', 'text/plain; version=0.0.4; charset=utf-8')
  metrics(): Promise<string> {
    return this.registry.metrics();
  }
}
