export * from './caller-identity';
export * from './grpc-client.factory';
export * from './grpc-error.mapper';
export * from './grpc-exception.filter';
export * from './grpc-server-options.factory';
export * from './mtls-credentials';
export * from './own-identity';
export * from './proto-loader-options';
