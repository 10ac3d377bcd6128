import { contextFromHeaders, inSpan, SpanKind } from '@welkom/observability';
import { Logger } from '@nestjs/common';
import type { KafkaMessage } from 'kafkajs';
import { exponentialBackoff } from '@welkom/platform/exponential-backoff';
import type { DeadLetter, DeadLetterErrorClass } from '../dead-letter';
import { classifyHandlerFailure } from '../handler-error';
import type { MessagingMetrics } from '../messaging.metrics';
import { KafkaEventContext, type ReceivedEvent } from '../received-event';
import type { DecodedRecord, RecordDecoder } from './record.decoder';

/** How the transport calls one topic's handler: per event (OnEvent) or per run of events (OnEventBatch). */
export interface HandlerBinding {
  batch: boolean;
  invoke(data: ReceivedEvent<unknown> | ReceivedEvent<unknown>[], context: KafkaEventContext): Promise<void>;
}

/** What the consumer loop lets processing see: keep the group membership alive, notice a shutdown. */
export interface ProcessingControl {
  heartbeat(): Promise<void>;
  isRunning(): boolean;
}

/** Processing stopped between retries because the consumer is stopping; nothing was committed. */
export class ConsumerStoppingError extends Error {
  constructor() {
    super('the consumer is stopping');
    this.name = 'ConsumerStoppingError';
  }
}

export interface EventBatchProcessorSettings {
  groupId: string;
  /** Attempts for a transient failure (not an outage) before the event is dead-lettered. */
  maxAttempts: number;
  /** First retry delay; doubles per attempt (200, 400, 800, 1600 ms by default). */
  retryBaseDelayMs: number;
  /** Longest wait between retries while a dependency is down (default 5 s). */
  retryCeilingMs?: number;
}

const HEARTBEAT_SLICE_MS = 1_000;
const DEFAULT_RETRY_CEILING_MS = 5_000;

/**
 * Applies a run of records from one partition, in order. Poison (unreadable, unsigned, wrong schema) and
 * events the handler rejects are dead-lettered; other failures are retried a bounded number of times and
 * then dead-lettered. An outage of something the handler needs (database, hub) is different: the partition
 * waits, retrying with capped backoff until it recovers, because parking the event would let later events
 * for the same key overtake it. It resolves when every record was applied or parked, so the caller can
 * commit the offset after the last one.
 */
export class EventBatchProcessor {
  private readonly logger = new Logger('KafkaEventServer');

  constructor(
    private readonly decoder: Pick<RecordDecoder, 'decode'>,
    private readonly handlers: ReadonlyMap<string, HandlerBinding>,
    private readonly deadLetters: (letters: DeadLetter[]) => Promise<void>,
    private readonly metrics: MessagingMetrics,
    private readonly settings: EventBatchProcessorSettings,
  ) {}

  async process(topic: string, partition: number, messages: KafkaMessage[], control: ProcessingControl): Promise<void> {
    await this.apply(topic, partition, messages, await this.decode(topic, partition, messages), control);
  }

  /**
   * Reads and verifies a run of records, one result per record. Separate from {@link apply} so the transport can
   * verify the next run while this one is applied: decoding depends on nothing the handler changes.
   */
  decode(topic: string, partition: number, messages: KafkaMessage[]): Promise<DecodedRecord[]> {
    // Signature checks run on the thread pool (and a batch signature's root once): all at once.
    return Promise.all(messages.map((message) => this.decoder.decode(topic, partition, message)));
  }

  /** Applies decoded records in order, parking the poison; resolves when every record was applied or parked. */
  async apply(
    topic: string,
    partition: number,
    messages: KafkaMessage[],
    decoded: DecodedRecord[],
    control: ProcessingControl,
  ): Promise<void> {
    const letters: DeadLetter[] = [];
    const park = (message: KafkaMessage, errorClass: DeadLetterErrorClass, reason: string): void => {
      letters.push({
        sourceTopic: topic,
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers ?? {},
        errorClass,
        reason,
        consumerGroup: this.settings.groupId,
      });
    };
    const binding = this.handlers.get(topic);
    const readable: [ReceivedEvent<unknown>, KafkaMessage][] = [];
    decoded.forEach((record, index) => {
      if (!record.ok) park(messages[index], record.errorClass, record.reason);
      else if (!binding) park(messages[index], 'UNKNOWN_TOPIC', `no handler for ${topic}`);
      else readable.push([record.event, messages[index]]);
    });
    if (binding?.batch) {
      if (readable.length > 0) await this.applyAsBatch(binding, readable, park, control);
    } else if (binding) {
      for (const [event, message] of readable) await this.applyOne(binding, event, message, park, control);
    }
    if (letters.length > 0) await this.park(letters);
  }

  private async applyOne(
    binding: HandlerBinding,
    event: ReceivedEvent<unknown>,
    message: KafkaMessage,
    park: (message: KafkaMessage, errorClass: DeadLetterErrorClass, reason: string) => void,
    control: ProcessingControl,
  ): Promise<void> {
    await inSpan(
      `process ${event.topic}`,
      {
        kind: SpanKind.CONSUMER,
        parent: contextFromHeaders(message.headers),
        attributes: consumerSpanAttributes(event, this.settings.groupId),
      },
      () => this.applyOneTraced(binding, event, message, park, control),
    );
  }

  private async applyOneTraced(
    binding: HandlerBinding,
    event: ReceivedEvent<unknown>,
    message: KafkaMessage,
    park: (message: KafkaMessage, errorClass: DeadLetterErrorClass, reason: string) => void,
    control: ProcessingControl,
  ): Promise<void> {
    const context = new KafkaEventContext([event.topic, event.partition, event.offset]);
    // Only failures other than outages use up the attempts: a long outage must not exhaust them.
    let transientFailures = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await binding.invoke(binding.batch ? [event] : event, context);
        this.metrics.consumed.inc({ topic: event.topic, group: this.settings.groupId });
        return;
      } catch (error) {
        const reason = describe(error);
        const failure = classifyHandlerFailure(error);
        if (failure === 'REJECTED') return park(message, 'BUSINESS_REJECTION', reason);
        if (failure === 'TRANSIENT' && ++transientFailures >= this.settings.maxAttempts) {
          return park(message, 'RETRIES_EXHAUSTED', `after ${attempt} attempts: ${reason}`);
        }
        this.metrics.retried.inc({ topic: event.topic, group: this.settings.groupId });
        this.logger.warn(`Retrying ${event.topic}[${event.partition}]@${event.offset} (attempt ${attempt}): ${reason}`);
        await this.waitBeforeRetry(attempt, control);
      }
    }
  }

  /** All or nothing first; if the batch keeps failing, one event at a time finds the culprit. */
  private async applyAsBatch(
    binding: HandlerBinding,
    readable: [ReceivedEvent<unknown>, KafkaMessage][],
    park: (message: KafkaMessage, errorClass: DeadLetterErrorClass, reason: string) => void,
    control: ProcessingControl,
  ): Promise<void> {
    const events = readable.map(([event]) => event);
    const [first] = events;
    const context = new KafkaEventContext([first.topic, first.partition, first.offset]);
    let transientFailures = 0;
    for (let attempt = 1; ; attempt += 1) {
      try {
        // One span for the run of events, linked to each event's producer (a batch has no single parent).
        await inSpan(
          `process ${first.topic}`,
          {
            kind: SpanKind.CONSUMER,
            links: readable.map(([, message]) => contextFromHeaders(message.headers)),
            attributes: { ...consumerSpanAttributes(first, this.settings.groupId), 'messaging.batch.message_count': events.length },
          },
          () => binding.invoke(events, context),
        );
        this.metrics.consumed.inc({ topic: first.topic, group: this.settings.groupId }, events.length);
        return;
      } catch (error) {
        const failure = classifyHandlerFailure(error);
        // During an outage every event would fail alone too: keep the batch whole and wait for the dependency.
        if (failure === 'TRANSIENT') transientFailures += 1;
        if (failure === 'REJECTED' || transientFailures >= this.settings.maxAttempts || (failure === 'TRANSIENT' && events.length === 1))
          break;
        this.metrics.retried.inc({ topic: first.topic, group: this.settings.groupId }, events.length);
        this.logger.warn(`Retrying ${events.length} events of ${first.topic}[${first.partition}] (attempt ${attempt}): ${describe(error)}`);
        await this.waitBeforeRetry(attempt, control);
      }
    }
    for (const [event, message] of readable) await this.applyOne(binding, event, message, park, control);
  }

  private async park(letters: DeadLetter[]): Promise<void> {
    // Parked before the offset commit: if this fails, the records are redelivered rather than dropped.
    await this.deadLetters(letters);
    for (const letter of letters) {
      this.metrics.deadLettered.inc({ topic: letter.sourceTopic, group: this.settings.groupId, error_class: letter.errorClass });
      this.logger.warn(`Dead-lettered ${letter.sourceTopic}[${letter.partition}]@${letter.offset}: ${letter.errorClass}: ${letter.reason}`);
    }
  }

  /** Sleeps in slices, heartbeating so a long backoff is not mistaken for a dead consumer. */
  private async waitBeforeRetry(attempt: number, control: ProcessingControl): Promise<void> {
    const ceilingMs = this.settings.retryCeilingMs ?? DEFAULT_RETRY_CEILING_MS;
    let remaining = exponentialBackoff(attempt, { baseMs: this.settings.retryBaseDelayMs, ceilingMs, jitter: true });
    while (remaining > 0) {
      if (!control.isRunning()) throw new ConsumerStoppingError();
      const slice = Math.min(remaining, HEARTBEAT_SLICE_MS);
      await new Promise((resolve) => setTimeout(resolve, slice));
      remaining -= slice;
      await control.heartbeat();
    }
    if (!control.isRunning()) throw new ConsumerStoppingError();
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function consumerSpanAttributes(event: ReceivedEvent<unknown>, group: string): Record<string, string | number> {
  return {
    'messaging.system': 'kafka',
    'messaging.destination.name': event.topic,
    'messaging.destination.partition.id': String(event.partition),
    'messaging.kafka.offset': Number(event.offset),
    'messaging.consumer.group.name': group,
    'messaging.operation.type': 'process',
  };
}
