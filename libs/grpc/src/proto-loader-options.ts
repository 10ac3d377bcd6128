import type { Options } from '@grpc/proto-loader';
import { PROTO_ROOT } from '@welkom/contracts';

/**
 * NestJS decodes gRPC with @grpc/proto-loader; these options must match the ts-proto options in
 * buf.gen.yaml (forceLong=string, stringEnums=true, …) or handlers receive other shapes than their types say.
 */
export const PROTO_LOADER_OPTIONS: Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  arrays: true,
  oneofs: true,
  includeDirs: [PROTO_ROOT],
};
