export * from './service-process';
export * from './service-run';
export * from './template-database';
export * from './test-infrastructure';
