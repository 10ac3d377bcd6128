import type { DynamicModule, INestApplication } from '@nestjs/common';
import { BaseExceptionFilter, NestFactory } from '@nestjs/core';
import type { ServiceConfig } from '@welkom/config';
import type { GrpcContract } from '@welkom/contracts';
import { allTopicDefinitions } from '@welkom/events';
import {
  createGrpcServerOptions,
  createServerCredentials,
  GrpcExceptionFilter,
  GrpcServerTracingInterceptor,
  loadMtlsMaterial,
  oinFromCertificateFile,
} from '@welkom/grpc';
import { consumerGroupOf, kafkaEventTransport } from '@welkom/messaging';
import { ServiceLogger, startTracing } from '@welkom/observability';
import { announceConnector } from './connector-announcement';

export interface ServiceStartOptions {
  serviceName: string;
  module: DynamicModule;
  config: ServiceConfig;
  contracts: GrpcContract[];
}

export interface RunningService {
  app: INestApplication;
  grpcAddress: string;
  httpAddress: string;
}

/**
 * Every Welkom Hub service starts the same way: one NestJS hybrid app with HTTP (health, metrics), a gRPC
 * server over mTLS and a Kafka consumer with the hub's error policy. The consumer group is the service name and
 * the party it acts for (`university.<oin>`), so two instances for one party share the work, while two
 * services, or one service deployed for two parties, each see every event.
 */
export async function startService(options: ServiceStartOptions): Promise<RunningService> {
  const { config } = options;
  // Before the app exists: every span and every outgoing call must find the propagator in place.
  startTracing(options.serviceName);
  const app = await NestFactory.create(options.module, {
    logger: new ServiceLogger(options.serviceName, { level: config.LOG_LEVEL, format: config.LOG_FORMAT }),
    bufferLogs: false,
  });
  app.enableShutdownHooks();
  app.useGlobalFilters(new GrpcExceptionFilter(new BaseExceptionFilter(app.getHttpAdapter())));
  app.useGlobalInterceptors(new GrpcServerTracingInterceptor());

  const credentials = createServerCredentials(
    loadMtlsMaterial({
      caCertificatePath: config.TLS_CA_FILE,
      certificatePath: config.TLS_CERT_FILE,
      privateKeyPath: config.TLS_KEY_FILE,
    }),
  );
  app.connectMicroservice(
    createGrpcServerOptions({
      host: config.GRPC_HOST,
      port: config.GRPC_PORT,
      contracts: options.contracts,
      credentials,
      maxMessageBytes: config.GRPC_MAX_MESSAGE_BYTES,
    }),
    { inheritAppConfig: true },
  );
  const partyOin = oinFromCertificateFile(config.TLS_CERT_FILE);
  const topics = new Map(allTopicDefinitions().map((topic) => [topic.name, topic]));
  app.connectMicroservice(
    kafkaEventTransport(app, consumerGroupOf(options.serviceName, partyOin), topics, { inboxGroup: options.serviceName }),
    { inheritAppConfig: true },
  );
  await app.startAllMicroservices();
  await app.listen(config.HTTP_PORT, config.HTTP_HOST);
  const grpcAddress = `${config.GRPC_ADVERTISED_HOST}:${config.GRPC_PORT}`;
  await announceConnector(app, {
    serviceName: options.serviceName,
    partyOin,
    grpcAddress,
  });
  return { app, grpcAddress, httpAddress: `http://${config.HTTP_HOST}:${config.HTTP_PORT}` };
}
