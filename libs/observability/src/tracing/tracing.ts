import {
  type Attributes,
  type Context,
  context,
  propagation,
  type Span,
  SpanKind,
  SpanStatusCode,
  trace,
  type TextMapGetter,
} from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, type SpanProcessor } from '@opentelemetry/sdk-trace-base';
import { NodeTracerProvider } from '@opentelemetry/sdk-trace-node';

export { SpanKind, type Context as TraceContext } from '@opentelemetry/api';

const TRACER_NAME = 'welkom-hub';

let provider: NodeTracerProvider | null = null;
let propagationOn = false;

/**
 * Whether spans are exported: with the standard OpenTelemetry settings, an OTLP endpoint (`OTEL_EXPORTER_OTLP_ENDPOINT`
 * or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`) and `OTEL_TRACES_EXPORTER` not `none`. Unset, nothing is recorded.
 */
export function tracesExported(env: NodeJS.ProcessEnv = process.env): boolean {
  if ((env.OTEL_TRACES_EXPORTER ?? 'otlp').split(',').every((exporter) => exporter.trim() === 'none')) return false;
  if (env.OTEL_SDK_DISABLED === 'true') return false;
  return Boolean(env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT || env.OTEL_EXPORTER_OTLP_ENDPOINT);
}

/**
 * Sets up W3C trace-context propagation for this process, always, so a trace passes through a service even when it
 * records nothing itself; and, when {@link tracesExported}, a tracer provider that exports over OTLP (endpoint,
 * headers and protocol from the `OTEL_*` variables; `OTEL_SERVICE_NAME` wins over the service's own name).
 * `processors` replaces the OTLP export (tests collect spans in memory with it). Idempotent.
 */
export function startTracing(
  serviceName: string,
  options: { env?: NodeJS.ProcessEnv; processors?: SpanProcessor[] } = {},
): { exporting: boolean } {
  const env = options.env ?? process.env;
  if (!propagationOn) {
    context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
    propagation.setGlobalPropagator(new W3CTraceContextPropagator());
    propagationOn = true;
  }
  const processors = options.processors ?? (tracesExported(env) ? [new BatchSpanProcessor(new OTLPTraceExporter())] : []);
  if (provider || processors.length === 0) return { exporting: provider !== null };
  provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': env.OTEL_SERVICE_NAME || serviceName }),
    spanProcessors: processors,
  });
  trace.setGlobalTracerProvider(provider);
  return { exporting: true };
}

/** Flushes what is buffered and stops exporting (at shutdown, so the last spans are not lost). */
export async function stopTracing(): Promise<void> {
  const current = provider;
  provider = null;
  if (current) await current.shutdown();
}

/** The active trace context as W3C headers (`traceparent`, `tracestate`), for a gRPC call or a Kafka record. */
export function traceHeaders(from: Context = context.active()): Record<string, string> {
  const carrier: Record<string, string> = {};
  propagation.inject(from, carrier);
  return carrier;
}

const headerGetter: TextMapGetter<Record<string, unknown>> = {
  keys: (carrier) => Object.keys(carrier),
  get: (carrier, key) => {
    const value = carrier[key];
    // Kafka header values are Buffers, gRPC metadata values strings (or Buffers for -bin keys).
    if (Array.isArray(value)) return value.map((item) => (Buffer.isBuffer(item) ? item.toString('utf8') : `${item as string}`));
    if (typeof value === 'string') return value;
    return Buffer.isBuffer(value) ? value.toString('utf8') : undefined;
  },
};

/** The trace context a caller or producer sent along, as a parent for the work it causes here. */
export function contextFromHeaders(headers: Record<string, unknown> | undefined): Context {
  return headers ? propagation.extract(context.active(), headers, headerGetter) : context.active();
}

/**
 * Runs `work` in a span that is a child of `parent`, ending it when the work settles and recording a failure as
 * the span's error. Without a tracer provider the span records nothing but still carries the parent's context.
 */
export function inSpan<T>(
  name: string,
  options: { kind: SpanKind; parent?: Context; attributes?: Attributes; links?: Context[] },
  work: (span: Span) => Promise<T>,
): Promise<T> {
  const parent = options.parent ?? context.active();
  const links = (options.links ?? [])
    .map((linked) => trace.getSpanContext(linked))
    .filter((spanContext) => spanContext !== undefined && trace.isSpanContextValid(spanContext))
    .map((spanContext) => ({ context: spanContext! }));
  const span = trace.getTracer(TRACER_NAME).startSpan(name, { kind: options.kind, attributes: options.attributes, links }, parent);
  return context.with(trace.setSpan(parent, span), async () => {
    try {
      return await work(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
      throw error;
    } finally {
      span.end();
    }
  });
}

/**
 * Headers for a record about to be written to Kafka: a PRODUCER span (ended at once: the record is stored in the
 * outbox now and published later) whose context the consumer continues.
 */
export function producerTraceHeaders(destination: string): Record<string, string> {
  const span = trace.getTracer(TRACER_NAME).startSpan(`send ${destination}`, {
    kind: SpanKind.PRODUCER,
    attributes: { 'messaging.system': 'kafka', 'messaging.destination.name': destination, 'messaging.operation.type': 'send' },
  });
  span.end();
  return traceHeaders(trace.setSpan(context.active(), span));
}

/** The ids of the active span, for log lines. */
export function activeTraceIds(): { traceId: string; spanId: string } | undefined {
  const spanContext = trace.getSpan(context.active())?.spanContext();
  return spanContext && trace.isSpanContextValid(spanContext) ? { traceId: spanContext.traceId, spanId: spanContext.spanId } : undefined;
}

/** The active context, to resume work later under the trace that caused it (a queued job, a timer). */
export function currentTraceContext(): Context {
  return context.active();
}

/** Runs `work` under a context captured earlier with {@link currentTraceContext}. */
export function withTraceContext<T>(saved: Context, work: () => T): T {
  return context.with(saved, work);
}
