export * from './health-probe';
export * from './metrics';
export * from './observability.module';
export * from './service-health.service';
