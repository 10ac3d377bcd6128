import { Metadata } from '@grpc/grpc-js';
import { type ArgumentsHost, Catch, type ExceptionFilter, Logger } from '@nestjs/common';
import { throwError } from 'rxjs';
import { DomainError, isDomainError } from '@welkom/errors';
import { toGrpcError } from './grpc-error.mapper';

/**
 * Without a filter NestJS answers every error with UNKNOWN. Domain errors get their mapped status and
 * details; anything else is a bug on our side: logged with its stack, answered as INTERNAL without
 * internals, and the service stays up.
 */
@Catch()
export class GrpcExceptionFilter implements ExceptionFilter<unknown> {
  private readonly logger = new Logger('GrpcExceptionFilter');

  /**
   * Registered globally, this filter also sees HTTP errors; those go to NestJS's own HTTP handling
   * (`BaseExceptionFilter` of the app), so /health still answers 503 and a bad query 400, not 500.
   */
  constructor(private readonly httpFallback?: ExceptionFilter<unknown>) {}

  /** An Observable that fails with the gRPC error; for HTTP, whatever the app's own HTTP handling returns. */
  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType() === 'http' && this.httpFallback) return this.httpFallback.catch(exception, host);
    // Only gRPC calls carry grpc-js Metadata as their context; Kafka handlers keep their own error policy.
    if (host.getType() !== 'rpc' || !(host.switchToRpc().getContext() instanceof Metadata)) {
      return throwError(() => exception);
    }
    if (isDomainError(exception)) return throwError(() => toGrpcError(exception));
    this.logger.error(
      `Unexpected error in gRPC handler: ${exception instanceof Error ? exception.message : String(exception)}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    return throwError(() => toGrpcError(new DomainError('INTERNAL', 'Internal error; the incident was logged')));
  }
}
