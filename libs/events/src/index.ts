export * from './event-envelope';
export * from './protobuf-codec';
export * from './topic-definition';
export * from './topic-registry';
