import type { Server, ServerCredentials } from '@grpc/grpc-js';
import type { PackageDefinition } from '@grpc/proto-loader';
import type { GrpcOptions } from '@nestjs/microservices';
import { Transport } from '@nestjs/microservices';
import { ReflectionService } from '@grpc/reflection';
import { HEALTH_CONTRACT, protoFilePath, type GrpcContract } from '@welkom/contracts';
import { PROTO_LOADER_OPTIONS } from './proto-loader-options';

export interface GrpcServerSettings {
  host: string;
  port: number;
  contracts: GrpcContract[];
  credentials: ServerCredentials;
  maxMessageBytes: number;
}

/**
 * The gRPC side of every hybrid app: the service's contracts plus the standard health service, server
 * reflection (so grpcurl and Postman can list methods), mTLS credentials and a hard message size limit.
 */
export function createGrpcServerOptions(settings: GrpcServerSettings): GrpcOptions {
  const contracts = [HEALTH_CONTRACT, ...settings.contracts];
  return {
    transport: Transport.GRPC,
    options: {
      url: `${settings.host}:${settings.port}`,
      package: [...new Set(contracts.map((contract) => contract.package))],
      protoPath: contracts.map(protoFilePath),
      loader: PROTO_LOADER_OPTIONS,
      credentials: settings.credentials,
      maxReceiveMessageLength: settings.maxMessageBytes,
      maxSendMessageLength: settings.maxMessageBytes,
      gracefulShutdown: true,
      // NestJS types both as `any`; they are proto-loader's definition and the grpc-js server it fills.
      onLoadPackageDefinition: (packageDefinition: PackageDefinition, server: Server) => {
        new ReflectionService(packageDefinition).addToServer(server);
      },
    },
  };
}
