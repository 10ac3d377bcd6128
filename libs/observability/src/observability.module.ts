import { type DynamicModule, Global, Module, type ModuleMetadata, type Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HealthGrpcController } from './health.grpc-controller';
import { HealthHttpController } from './health.http-controller';
import { HEALTH_PROBES, type HealthProbe } from './health-probe';
import { createMetricsRegistry, METRICS_REGISTRY, MetricsHttpController } from './metrics';
import { ServiceHealthService } from './service-health.service';
import { TracingShutdown } from './tracing/tracing-shutdown';

export interface ObservabilityOptions {
  serviceName: string;
  /** Classes (providers) implementing HealthProbe, resolved from the app's modules. */
  probes: (new (...args: never[]) => HealthProbe)[];
  /** The modules that provide (and export) those probes. */
  imports?: ModuleMetadata['imports'];
}

@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(options: ObservabilityOptions): DynamicModule {
    const probesProvider: Provider = {
      provide: HEALTH_PROBES,
      useFactory: (...probes: HealthProbe[]) => probes,
      inject: options.probes,
    };
    return {
      module: ObservabilityModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...(options.imports ?? [])],
      controllers: [HealthHttpController, HealthGrpcController, MetricsHttpController],
      providers: [
        { provide: METRICS_REGISTRY, useValue: createMetricsRegistry(options.serviceName) },
        probesProvider,
        ServiceHealthService,
        TracingShutdown,
      ],
      exports: [METRICS_REGISTRY, ServiceHealthService],
    };
  }
}
