import { PassThrough } from 'node:stream';
import { InMemorySpanExporter, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { ServiceLogger } from './service-logger';
import { contextFromHeaders, inSpan, SpanKind, startTracing, stopTracing, traceHeaders } from './tracing/tracing';

function capture(): { stream: PassThrough; lines: () => string[] } {
  const stream = new PassThrough();
  const chunks: string[] = [];
  stream.on('data', (chunk: Buffer) => chunks.push(chunk.toString('utf8')));
  return { stream, lines: () => chunks.join('').split('\n').filter(Boolean) };
}

describe('ServiceLogger and trace propagation', () => {
  const exporter = new InMemorySpanExporter();

  beforeAll(() => {
    startTracing('unit', { processors: [new SimpleSpanProcessor(exporter)] });
  });

  afterAll(() => stopTracing());

  it('writes JSON lines with the service, the Nest context and the ids of the active span', async () => {
    const { stream, lines } = capture();
    const logger = new ServiceLogger('hub', { level: 'log', format: 'json', destination: stream });
    await inSpan('RequestEvidence', { kind: SpanKind.SERVER }, async () => {
      logger.log('answered from the vault', 'EvidenceRequestService');
    });
    logger.debug('below the level');
    const [record] = lines().map((line) => JSON.parse(line) as Record<string, string>);
    const [span] = exporter.getFinishedSpans().filter((finished) => finished.name === 'RequestEvidence');
    expect(record).toMatchObject({
      level: 'info',
      service: 'hub',
      context: 'EvidenceRequestService',
      msg: 'answered from the vault',
      trace_id: span.spanContext().traceId,
      span_id: span.spanContext().spanId,
    });
    expect(lines()).toHaveLength(1);
  });

  it('keeps the stack of an error Nest logs', () => {
    const { stream, lines } = capture();
    new ServiceLogger('ind', { level: 'log', format: 'json', destination: stream }).error(
      'Assessment failed',
      'Error: boom\n    at assess (case.ts:1:1)',
      'AssessmentWorker',
    );
    const record = JSON.parse(lines()[0]) as Record<string, string>;
    expect([record.level, record.msg, record.context]).toEqual(['error', 'Assessment failed', 'AssessmentWorker']);
    expect(record.stack).toContain('at assess');
  });

  it('continues a trace from W3C headers: the child span has the sender’s trace id and parent', async () => {
    let headers: Record<string, string> = {};
    await inSpan('send welkom.ind.application-status.v1', { kind: SpanKind.PRODUCER }, async () => {
      headers = traceHeaders();
    });
    expect(headers.traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
    await inSpan(
      'process welkom.ind.application-status.v1',
      { kind: SpanKind.CONSUMER, parent: contextFromHeaders(headers) },
      async () => undefined,
    );
    const producer = exporter.getFinishedSpans().find((span) => span.name.startsWith('send '));
    const consumer = exporter.getFinishedSpans().find((span) => span.name.startsWith('process '));
    expect(consumer?.spanContext().traceId).toBe(producer?.spanContext().traceId);
    expect(consumer?.parentSpanContext?.spanId).toBe(producer?.spanContext().spanId);
  });
});
