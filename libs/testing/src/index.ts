export * from './service-process';
export * from './service-run';
export * from './test-infrastructure';
