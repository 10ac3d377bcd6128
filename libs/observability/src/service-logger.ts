import type { LoggerService, LogLevel } from '@nestjs/common';
import pino, { type Logger } from 'pino';
import pinoPretty from 'pino-pretty';
import { activeTraceIds } from './tracing/tracing';

/** Nest's levels, most severe first, and the pino level each one is written at. */
const LEVELS: [LogLevel, pino.Level][] = [
  ['fatal', 'fatal'],
  ['error', 'error'],
  ['warn', 'warn'],
  ['log', 'info'],
  ['debug', 'debug'],
  ['verbose', 'trace'],
];

export type LogFormat = 'json' | 'pretty';

/**
 * The service's log: structured records (service, Nest context, message, and the trace and span ids of the work
 * that wrote them, so a line leads to its trace), as JSON lines for a log pipeline or pretty for a person.
 */
export class ServiceLogger implements LoggerService {
  private readonly logger: Logger;

  constructor(serviceName: string, options: { level: LogLevel; format?: LogFormat; destination?: NodeJS.WritableStream }) {
    const destination = options.destination ?? process.stdout;
    const format = options.format ?? (process.stdout.isTTY ? 'pretty' : 'json');
    const stream =
      format === 'pretty'
        ? pinoPretty({ destination, sync: true, colorize: process.stdout.isTTY, ignore: 'pid,hostname,service', messageKey: 'msg' })
        : destination;
    this.logger = pino(
      {
        level: LEVELS.find(([nest]) => nest === options.level)?.[1] ?? 'info',
        base: { service: serviceName },
        timestamp: pino.stdTimeFunctions.isoTime,
        formatters: { level: (label) => ({ level: label }) },
        mixin: () => {
          const ids = activeTraceIds();
          return ids ? { trace_id: ids.traceId, span_id: ids.spanId } : {};
        },
      },
      stream,
    );
  }

  log(message: unknown, ...rest: unknown[]): void {
    this.write('info', message, rest);
  }

  error(message: unknown, ...rest: unknown[]): void {
    // Nest passes (message, stack, context); a stack is a string with at least one "\n    at " line.
    const [maybeStack, ...others] = rest;
    const stack = typeof maybeStack === 'string' && /\n\s+at /.test(maybeStack) ? maybeStack : undefined;
    this.write('error', message, stack === undefined ? rest : others, stack);
  }

  warn(message: unknown, ...rest: unknown[]): void {
    this.write('warn', message, rest);
  }

  debug(message: unknown, ...rest: unknown[]): void {
    this.write('debug', message, rest);
  }

  verbose(message: unknown, ...rest: unknown[]): void {
    this.write('trace', message, rest);
  }

  fatal(message: unknown, ...rest: unknown[]): void {
    this.write('fatal', message, rest);
  }

  private write(level: pino.Level, message: unknown, rest: unknown[], stack?: string): void {
    // Nest appends the context (the class that logs) as the last string argument.
    const context = typeof rest.at(-1) === 'string' ? (rest.at(-1) as string) : undefined;
    const record: Record<string, unknown> = {};
    if (context) record.context = context;
    if (stack) record.stack = stack;
    if (message instanceof Error) {
      record.err = message;
      this.logger[level](record, message.message);
    } else if (typeof message === 'object' && message !== null) {
      this.logger[level]({ ...record, ...message });
    } else {
      this.logger[level](record, String(message));
    }
  }
}
