export * from './connector-announcement';
export * from './http-error.filter';
export * from './hub-client.module';
export * from './hub-client.options';
export * from './hub-replay.authority';
export * from './hub-evidence-client.module';
export * from './service-infrastructure';
export * from './start-service';
