import type { ChannelCredentials } from '@grpc/grpc-js';
import { ClientProxyFactory, Transport, type ClientGrpc } from '@nestjs/microservices';
import { protoFilePath, type GrpcContract } from '@welkom/contracts';
import { grpcClientTracingInterceptor } from './grpc-tracing';
import { PROTO_LOADER_OPTIONS } from './proto-loader-options';

/**
 * A NestJS gRPC client for one contract, over mTLS. The server learns who we are from our certificate, so the
 * only metadata is the trace context.
 */
export function createGrpcClient(contract: GrpcContract, address: string, credentials: ChannelCredentials): ClientGrpc {
  return ClientProxyFactory.create({
    transport: Transport.GRPC,
    options: {
      url: address,
      package: contract.package,
      protoPath: protoFilePath(contract),
      loader: PROTO_LOADER_OPTIONS,
      credentials,
      channelOptions: { interceptors: [grpcClientTracingInterceptor] },
    },
  });
}
