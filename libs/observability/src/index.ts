export * from './health-probe';
export * from './metrics';
export * from './observability.module';
export * from './service-health.service';
export * from './tracing/tracing';
export * from './tracing/tracing-shutdown';
export * from './service-logger';
