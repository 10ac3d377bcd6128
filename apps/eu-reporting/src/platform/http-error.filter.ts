import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { assertUnreachable, type DomainErrorCode, isDomainError } from '@welkom/errors';

/** The part of Express's response the filter and the feed controller use (the project has no @types/express). */
export interface HttpResponse {
  status(code: number): HttpResponse;
  type(contentType: string): HttpResponse;
  send(body: string): void;
}

export function httpStatusFor(code: DomainErrorCode): number {
  switch (code) {
    case 'INVALID_ARGUMENT':
      return 400;
    case 'UNAUTHENTICATED':
      return 401;
    case 'PERMISSION_DENIED':
      return 403;
    case 'NOT_FOUND':
      return 404;
    case 'ALREADY_EXISTS':
      return 409;
    case 'FAILED_PRECONDITION':
      return 412;
    case 'RESOURCE_EXHAUSTED':
      return 429;
    case 'UNAVAILABLE':
      return 503;
    case 'DEADLINE_EXCEEDED':
      return 504;
    case 'INTERNAL':
      return 500;
    default:
      return assertUnreachable(code);
  }
}

/**
 * Maps errors of HTTP handlers to answers: a domain error to its status with every problem listed, anything
 * else to 500 without internals (logged). Bound to the controllers that use it, because the runtime's global
 * filter is written for gRPC calls: over HTTP every error, a bad parameter included, would come out as 500.
 */
@Catch()
export class HttpErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpErrorFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    const response = host.switchToHttp().getResponse<HttpResponse>();
    if (isDomainError(exception)) {
      const body = {
        status: httpStatusFor(exception.code),
        error: exception.reason,
        message: exception.message,
        problems: exception.fieldViolations.map(({ field, description }) => ({ field, description })),
      };
      response.status(body.status).type('application/json').send(`${JSON.stringify(body, null, 2)}\n`);
      return;
    }
    if (exception instanceof HttpException) {
      // Nest's own (e.g. an unknown route below this controller): keep its status and message.
      const status = exception.getStatus();
      response.status(status).type('application/json').send(`${JSON.stringify({ status, message: exception.message })}\n`);
      return;
    }
    this.logger.error(
      `Unexpected error in an HTTP handler: ${exception instanceof Error ? exception.message : String(exception)}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    response.status(500).type('application/json').send(`${JSON.stringify({ status: 500, message: 'Internal error; the incident was logged' })}\n`);
  }
}
