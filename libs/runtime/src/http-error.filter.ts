import { type ArgumentsHost, Catch, type ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import { isDomainError } from '@welkom/errors';
import { httpStatusFor } from '@welkom/grpc';

/** The part of Express's response the filter and the feed controller use (the project has no @types/express). */
export interface HttpResponse {
  status(code: number): HttpResponse;
  type(contentType: string): HttpResponse;
  send(body: string): void;
}

/**
 * Maps errors of HTTP handlers to answers: a domain error to its status with every problem listed, anything
 * else to 500 without internals (logged). Any service's HTTP controller binds it with `@UseFilters`, because
 * the runtime's global filter is written for gRPC calls: over HTTP every error, a bad parameter included,
 * would come out as 500.
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
      response
        .status(body.status)
        .type('application/json')
        .send(`${JSON.stringify(body, null, 2)}\n`);
      return;
    }
    if (exception instanceof HttpException) {
      // Nest's own (e.g. an unknown route below this controller): keep its status and message.
      const status = exception.getStatus();
      response
        .status(status)
        .type('application/json')
        .send(`${JSON.stringify({ status, message: exception.message })}\n`);
      return;
    }
    this.logger.error(
      `Unexpected error in an HTTP handler: ${exception instanceof Error ? exception.message : String(exception)}`,
      exception instanceof Error ? exception.stack : undefined,
    );
    response
      .status(500)
      .type('application/json')
      .send(`${JSON.stringify({ status: 500, message: 'Internal error; the incident was logged' })}\n`);
  }
}
