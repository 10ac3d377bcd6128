import { Catch, type RpcExceptionFilter } from '@nestjs/common';
import { type Observable, throwError } from 'rxjs';

/**
 * Hands a Kafka handler's error back to the transport unchanged. Without it NestJS's RPC exception layer
 * logs the error and replaces it with `{ status: 'error', message: 'Internal server error' }`, and the
 * transport could no longer tell a business rejection (dead-letter now) from a database outage (retry).
 * Bound to each `@OnEvent` method, so it wins over any global filter.
 */
@Catch()
export class EventHandlerErrorFilter implements RpcExceptionFilter<unknown> {
  catch(exception: unknown): Observable<never> {
    return throwError(() => exception);
  }
}
