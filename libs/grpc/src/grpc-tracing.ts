import { type CallHandler, type ExecutionContext, Injectable, type NestInterceptor } from '@nestjs/common';
import { InterceptingCall, type Interceptor, Metadata } from '@grpc/grpc-js';
import { Observable } from 'rxjs';
import { contextFromHeaders, inSpan, SpanKind, traceHeaders } from '@welkom/observability';

/**
 * Continues the caller's trace (W3C `traceparent` in the call metadata) in a SERVER span around each gRPC handler,
 * so one filing can be followed from the university's back office through the IND to the hub. Kafka handlers
 * pass here too; they are traced where the consumer reads the record's headers.
 */
@Injectable()
export class GrpcServerTracingInterceptor implements NestInterceptor {
  intercept(execution: ExecutionContext, next: CallHandler): Observable<unknown> {
    const metadata: unknown = execution.getArgByIndex(1);
    if (execution.getType() !== 'rpc' || !(metadata instanceof Metadata)) return next.handle();
    const call = execution.getArgByIndex<{ getPath?: () => string }>(2);
    const path = call?.getPath?.() ?? `${execution.getClass().name}/${execution.getHandler().name}`;
    const [service, method] = path.replace(/^\//, '').split('/');
    return new Observable((subscriber) => {
      void inSpan(
        `${service}/${method}`,
        {
          kind: SpanKind.SERVER,
          parent: contextFromHeaders(metadata.getMap()),
          attributes: { 'rpc.system': 'grpc', 'rpc.service': service, 'rpc.method': method },
        },
        // The span ends when the handler's answer (or error) is out; values pass through unchanged.
        () =>
          new Promise<void>((resolve, reject) => {
            next.handle().subscribe({
              next: (value) => subscriber.next(value),
              error: (error: unknown) => {
                subscriber.error(error);
                reject(error instanceof Error ? error : new Error(String(error)));
              },
              complete: () => {
                subscriber.complete();
                resolve();
              },
            });
          }),
      ).catch(() => undefined);
    });
  }
}

/** Sends the active trace context with every outgoing call, so the callee's span joins the caller's trace. */
export const grpcClientTracingInterceptor: Interceptor = (options, nextCall): InterceptingCall => {
  const headers = traceHeaders();
  return new InterceptingCall(nextCall(options), {
    start(metadata, listener, next) {
      for (const [key, value] of Object.entries(headers)) metadata.set(key, value);
      next(metadata, listener);
    },
  });
};
