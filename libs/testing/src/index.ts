export * from './service-process';
export * from './strict-fake';
export * from './template-database';
export * from './test-infrastructure';
