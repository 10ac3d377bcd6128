export * from './service-process';
export * from './template-database';
export * from './test-infrastructure';
