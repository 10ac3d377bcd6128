import { type INestApplicationContext, Logger } from '@nestjs/common';
import { type CustomTransportStrategy, type MessageHandler, Server } from '@nestjs/microservices';
import type { Consumer, EachBatchPayload, Kafka } from 'kafkajs';
import { defaultIfEmpty, lastValueFrom } from 'rxjs';
import { deadLetterTopicOf, type TopicDefinition } from '@welkom/events';
import { ConsumerStoppingError, EventBatchProcessor, type HandlerBinding } from './consumer/event-batch.processor';
import { inChunks, runChunkPipeline } from './consumer/chunk.pipeline';
import { EventFreshness } from './consumer/event-freshness';
import { RecordDecoder } from './consumer/record.decoder';
import { deadLetterMessage } from './dead-letter';
import { MessagingMetrics } from './messaging.metrics';
import { KAFKA_CLIENT, KAFKA_EVENT_TRANSPORT } from './messaging.tokens';
import { EVENT_BATCH_HANDLER } from './on-event.decorator';
import { ProducerSession } from './producer-session';
import { EnvelopeVerifier } from './signing/envelope.verifier';
import { TopicCatalog } from './topic-catalog';

export interface KafkaEventServerOptions {
  kafka: Kafka;
  /** The Kafka consumer group; a service's is {@link consumerGroupOf} its name and party. */
  groupId: string;
  /**
   * The name the inbox de-duplicates under (default: groupId). Services keep their bare name here: each
   * party's instance has its own database, and the ids already recorded stay valid when the group is renamed.
   */
  inboxGroup?: string;
  /** Topic definitions by name; handlers may only subscribe to declared topics. */
  topics: ReadonlyMap<string, TopicDefinition<unknown>>;
  /** Checks every record's signature and publisher before a handler sees it. */
  verifier: EnvelopeVerifier;
  /** Refuses events older than the window (to the dead-letter topic as STALE); absent: any age is accepted. */
  freshness?: EventFreshness;
  metrics?: MessagingMetrics;
  /** Attempts for transient failures before the record is dead-lettered; an outage is waited out instead. */
  maxAttempts?: number;
  retryBaseDelayMs?: number;
  /** Longest wait between retries while a dependency is down (default 5 s). */
  retryCeilingMs?: number;
  /** Partitions processed at once; order is kept within each partition (and so per key). */
  partitionsConsumedConcurrently?: number;
  /** Records applied between offset commits; also the largest batch an OnEventBatch handler gets. */
  commitEvery?: number;
  /**
   * How long the group waits for a silent member (kafkajs default 30 s). A crashed instance's partitions
   * are reassigned only after this, so fault tests lower it.
   */
  sessionTimeoutMs?: number;
}

const RESTART_AFTER_CRASH_MS = 5_000;

/**
 * A NestJS transport that feeds `@OnEvent` / `@OnEventBatch` handlers from Kafka with our own error policy.
 * NestJS's built-in Kafka transport redelivers a failing message forever and blocks its partition; here
 * every record is verified (envelope, signature, publisher role, schema), poison goes to `<topic>.dlt` with
 * its reason, transient failures get bounded retries, an outage of the database or the hub holds the
 * partition until it recovers, and offsets are committed by hand (`offset + 1`) only
 * after the records before them were applied or parked. A crash in between means redelivery, which the
 * handlers' inbox turns into a no-op.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private readonly eventLogger = new Logger(KafkaEventServer.name);
  // Event handler errors must reach our retry and dead-letter policy instead of being logged and dropped.
  override readonly propagatesEventHandlerErrors = true;
  private readonly metrics: MessagingMetrics;
  private consumer: Consumer | null = null;
  private deadLetters: ProducerSession | null = null;
  private processor: EventBatchProcessor | null = null;
  private topicNames: string[] = [];
  private restartTimer: NodeJS.Timeout | null = null;
  private closing = false;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.setTransportId(KAFKA_EVENT_TRANSPORT);
    this.metrics = options.metrics ?? new MessagingMetrics();
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      const bindings = this.bindHandlers();
      this.topicNames = [...bindings.keys()];
      this.deadLetters = ProducerSession.reliable(this.options.kafka);
      const deadLetters = this.deadLetters;
      this.processor = new EventBatchProcessor(
        new RecordDecoder(
          new TopicCatalog(this.options.topics.values()),
          this.options.verifier,
          this.options.inboxGroup ?? this.options.groupId,
          this.options.freshness,
        ),
        bindings,
        async (letters) => {
          await deadLetters.send({
            topic: deadLetterTopicOf(letters[0].sourceTopic),
            messages: letters.map((letter) => deadLetterMessage(letter)),
          });
        },
        this.metrics,
        {
          groupId: this.options.groupId,
          maxAttempts: this.options.maxAttempts ?? 5,
          retryBaseDelayMs: this.options.retryBaseDelayMs ?? 200,
          retryCeilingMs: this.options.retryCeilingMs,
        },
      );
      // A service without handlers has nothing to consume and need not join a group.
      if (this.topicNames.length > 0) await this.startConsumer();
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    // disconnect() waits for the batch in flight, so its offsets are committed (or it is redelivered).
    await this.consumer?.disconnect();
    await this.deadLetters?.close();
    this.consumer = null;
    this.deadLetters = null;
  }

  on(): never {
    throw new Error('KafkaEventServer does not emit transport events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private bindHandlers(): Map<string, HandlerBinding> {
    const bindings = new Map<string, HandlerBinding>();
    // gRPC handlers carry no transport and are offered to every server; only event handlers are ours.
    for (const [topic, handler] of this.getHandlers()) {
      if (!handler.isEventHandler) continue;
      if (!this.options.topics.has(topic)) throw new Error(`@EventPattern('${topic}') names an undeclared topic`);
      // Two handlers in one consumer group would share one inbox: the second would see every event as a
      // duplicate and silently do nothing. One topic, one handler per service.
      if (handler.next) throw new Error(`More than one handler subscribes to ${topic}; a service may have one`);
      bindings.set(topic, { batch: handler.extras?.[EVENT_BATCH_HANDLER] === true, invoke: this.invoker(handler) });
    }
    return bindings;
  }

  private invoker(handler: MessageHandler): HandlerBinding['invoke'] {
    return async (data, context) => {
      const result = this.transformToObservable(await handler(data, context));
      await lastValueFrom(result.pipe(defaultIfEmpty(undefined)));
    };
  }

  private async startConsumer(): Promise<void> {
    const sessionTimeout = this.options.sessionTimeoutMs ?? 30_000;
    const consumer = this.options.kafka.consumer({
      groupId: this.options.groupId,
      allowAutoTopicCreation: false,
      sessionTimeout,
      heartbeatInterval: Math.max(500, Math.floor(sessionTimeout / 10)),
      // A fetch returns as soon as records arrive; this only bounds how long shutdown waits for an idle one.
      maxWaitTimeInMs: 1_000,
    });
    this.consumer = consumer;
    // kafkajs restarts itself after retriable crashes only; after any other it would stay down, silently.
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || this.closing || this.consumer !== consumer) return;
      this.eventLogger.error(`Consumer ${this.options.groupId} crashed (${payload.error.message}); restarting it`);
      this.restartTimer = setTimeout(() => void this.restartConsumer(consumer), RESTART_AFTER_CRASH_MS);
    });
    await consumer.connect();
    await consumer.subscribe({ topics: this.topicNames, fromBeginning: true });
    await consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.options.partitionsConsumedConcurrently ?? 3,
      eachBatch: (payload) => this.handleBatch(payload),
    });
  }

  private async restartConsumer(crashed: Consumer): Promise<void> {
    if (this.closing || this.consumer !== crashed) return;
    await crashed.disconnect().catch(() => undefined);
    try {
      await this.startConsumer();
    } catch (error) {
      this.eventLogger.error(`Restarting consumer ${this.options.groupId} failed: ${(error as Error).message}`);
      this.restartTimer = setTimeout(() => void this.restartConsumer(this.consumer ?? crashed), RESTART_AFTER_CRASH_MS);
    }
  }

  private async handleBatch(payload: EachBatchPayload): Promise<void> {
    // The payload's functions are called on it rather than destructured: kafkajs declares them as methods.
    const { batch } = payload;
    const { topic, partition } = batch;
    const commit = async (lastOffset: string): Promise<void> => {
      const next = (BigInt(lastOffset) + 1n).toString();
      payload.resolveOffset(lastOffset);
      await payload.commitOffsetsIfNecessary({ topics: [{ topic, partitions: [{ partition, offset: next }] }] });
      const lag = BigInt(batch.highWatermark) - BigInt(next);
      this.metrics.consumerLag.set({ topic, partition: String(partition), group: this.options.groupId }, Number(lag > 0n ? lag : 0n));
    };
    // Only control records (transaction markers): move past them.
    if (batch.messages.length === 0) return commit(batch.lastOffset());
    const processor = this.processor as EventBatchProcessor;
    // The next chunk is verified while this one is applied; records are applied and committed in offset order.
    await runChunkPipeline(inChunks(batch.messages, this.options.commitEvery ?? 200), {
      decode: (chunk) => processor.decode(topic, partition, chunk),
      apply: async (chunk, decoded) => {
        try {
          await processor.apply(topic, partition, chunk, decoded, payload);
        } catch (error) {
          // Stopping mid-retry: leave the chunk uncommitted; the next owner of the partition gets it again.
          if (error instanceof ConsumerStoppingError) return false;
          throw error;
        }
        await commit(chunk[chunk.length - 1].offset);
        await payload.heartbeat();
        return true;
      },
      // After a rebalance or a seek, the rest of this batch belongs to someone else (or comes again).
      proceed: () => payload.isRunning() && !payload.isStale(),
    });
  }
}

/**
 * The consumer group of a service acting for a party: `<service>.<oin>`. Instances of one service for one
 * party share it (and the work); the same service for another party, on the same cluster, gets every event
 * again in its own group.
 */
export function consumerGroupOf(serviceName: string, partyOin: string): string {
  return `${serviceName}.${partyOin}`;
}

export type KafkaEventTransportOptions = Omit<
  KafkaEventServerOptions,
  'kafka' | 'groupId' | 'topics' | 'verifier' | 'freshness' | 'metrics'
>;

/**
 * The Kafka consumer side of a hybrid app, bound to the app's Kafka client, signature verifier and metrics,
 * and the given topics (default: every topic the app's MessagingModule knows).
 */
export function kafkaEventTransport(
  app: Pick<INestApplicationContext, 'get'>,
  groupId: string,
  topics?: ReadonlyMap<string, TopicDefinition<unknown>>,
  options: KafkaEventTransportOptions = {},
): { strategy: KafkaEventServer } {
  return {
    strategy: new KafkaEventServer({
      ...options,
      kafka: app.get<Kafka>(KAFKA_CLIENT),
      groupId,
      topics: topics ?? app.get(TopicCatalog).asMap(),
      verifier: app.get(EnvelopeVerifier),
      freshness: app.get(EventFreshness),
      metrics: app.get(MessagingMetrics),
    }),
  };
}
