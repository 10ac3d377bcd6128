export * from './calendar-date';
export * from './clock.repository';
export * from './exponential-backoff';
export * from './id.repository';
export * from './periodic.worker';
export * from './platform.module';
export * from './timestamp.mapper';
export * from './transaction.repository';
