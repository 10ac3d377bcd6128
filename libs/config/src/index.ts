export * from './load-config';
export * from './service-config.schema';
export * from './kafka-tool-config.schema';
export * from './kafka-security.config';
