import { Logger } from '@nestjs/common';
import { type CustomTransportStrategy, Server } from '@nestjs/microservices';
import type { Consumer, EachMessagePayload, Kafka, Producer } from 'kafkajs';
import { lastValueFrom, defaultIfEmpty } from 'rxjs';
import { envelopeFromHeaders, type TopicDefinition } from '@welkom/events';
import { createReliableProducer } from './kafka-client.factory';
import { KAFKA_CLIENT, KAFKA_EVENT_TRANSPORT } from './messaging.tokens';
import { sendToDeadLetterTopic, type DeadLetterErrorClass } from './dead-letter';
import { classifyHandlerFailure } from './handler-error';
import { KafkaEventContext, type ReceivedEvent } from './received-event';

export interface KafkaEventServerOptions {
  kafka: Kafka;
  groupId: string;
  /** Topic definitions by name; handlers may only subscribe to declared topics. */
  topics: ReadonlyMap<string, TopicDefinition<unknown>>;
  /** Attempts for transient failures before the record is dead-lettered. */
  maxAttempts?: number;
  retryBaseDelayMs?: number;
}

class PoisonRecord extends Error {
  constructor(
    readonly errorClass: DeadLetterErrorClass,
    message: string,
  ) {
    super(message);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A NestJS transport that feeds `@EventPattern(topicName)` handlers from Kafka with our own error policy.
 * NestJS's built-in Kafka transport redelivers a failing message forever and blocks its partition; here a
 * poison record goes to `<topic>.dlt` with its reason, transient failures get bounded retries, and the offset
 * (`offset + 1`) is committed only after the record was applied or parked.
 */
export class KafkaEventServer extends Server implements CustomTransportStrategy {
  private readonly eventLogger = new Logger(KafkaEventServer.name);
  // Event handler errors must reach our retry and dead-letter policy instead of being logged and dropped.
  override readonly propagatesEventHandlerErrors = true;
  private consumer: Consumer | null = null;
  private producer: Producer | null = null;

  constructor(private readonly options: KafkaEventServerOptions) {
    super();
    this.setTransportId(KAFKA_EVENT_TRANSPORT);
  }

  async listen(callback: (error?: unknown) => void): Promise<void> {
    try {
      // gRPC handlers carry no transport and are offered to every server; only event handlers are ours.
      const topics = [...this.getHandlers()].filter(([, handler]) => handler.isEventHandler).map(([topic]) => topic);
      for (const topic of topics) {
        if (!this.options.topics.has(topic)) throw new Error(`@EventPattern('${topic}') names an undeclared topic`);
      }
      this.producer = createReliableProducer(this.options.kafka);
      await this.producer.connect();
      this.consumer = this.options.kafka.consumer({ groupId: this.options.groupId, allowAutoTopicCreation: false });
      await this.consumer.connect();
      if (topics.length > 0) await this.consumer.subscribe({ topics, fromBeginning: true });
      await this.consumer.run({ autoCommit: false, eachMessage: (payload) => this.handleRecord(payload) });
      callback();
    } catch (error) {
      callback(error);
    }
  }

  async close(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
    this.consumer = null;
    this.producer = null;
  }

  on(): never {
    throw new Error('KafkaEventServer does not emit transport events');
  }

  unwrap<T>(): T {
    return this.consumer as T;
  }

  private async handleRecord({ topic, partition, message }: EachMessagePayload): Promise<void> {
    try {
      const event = this.decode(topic, partition, message);
      await this.applyWithRetries(event);
    } catch (error) {
      const errorClass = error instanceof PoisonRecord ? error.errorClass : 'RETRIES_EXHAUSTED';
      const reason = error instanceof Error ? error.message : String(error);
      this.eventLogger.warn(`Dead-lettering ${topic}[${partition}]@${message.offset}: ${errorClass}: ${reason}`);
      await sendToDeadLetterTopic(this.producer as Producer, {
        sourceTopic: topic,
        partition,
        offset: message.offset,
        key: message.key,
        value: message.value,
        headers: message.headers ?? {},
        errorClass,
        reason,
        consumerGroup: this.options.groupId,
      });
    }
    await this.consumer?.commitOffsets([{ topic, partition, offset: (BigInt(message.offset) + 1n).toString() }]);
  }

  private decode(topic: string, partition: number, message: EachMessagePayload['message']): ReceivedEvent<unknown> {
    const definition = this.options.topics.get(topic);
    if (!definition) throw new PoisonRecord('UNKNOWN_TOPIC', `no definition for topic ${topic}`);
    let envelope;
    try {
      envelope = envelopeFromHeaders((message.headers ?? {}) as Record<string, Buffer | string | undefined>);
    } catch (error) {
      throw new PoisonRecord('MALFORMED_ENVELOPE', (error as Error).message);
    }
    if (envelope.eventType !== definition.eventType || envelope.schemaVersion !== definition.schemaVersion) {
      throw new PoisonRecord(
        'SCHEMA_VIOLATION',
        `expected ${definition.eventType} v${definition.schemaVersion}, got ${envelope.eventType} v${envelope.schemaVersion}`,
      );
    }
    let payload: unknown;
    try {
      payload = definition.codec.decode(message.value ?? new Uint8Array());
    } catch (error) {
      throw new PoisonRecord('SCHEMA_VIOLATION', `payload does not decode: ${(error as Error).message}`);
    }
    return { envelope, payload, topic, partition, offset: message.offset };
  }

  private async applyWithRetries(event: ReceivedEvent<unknown>): Promise<void> {
    const handler = this.getHandlerByPattern(event.topic);
    if (!handler) throw new PoisonRecord('UNKNOWN_TOPIC', `no handler for ${event.topic}`);
    const maxAttempts = this.options.maxAttempts ?? 5;
    const baseDelay = this.options.retryBaseDelayMs ?? 200;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const context = new KafkaEventContext([event.topic, event.partition, event.offset]);
        const result = this.transformToObservable(await handler(event, context));
        await lastValueFrom(result.pipe(defaultIfEmpty(undefined)));
        return;
      } catch (error) {
        if (classifyHandlerFailure(error) === 'REJECTED') {
          throw new PoisonRecord('BUSINESS_REJECTION', (error as Error).message);
        }
        if (attempt >= maxAttempts) throw error;
        this.eventLogger.warn(`Retrying ${event.topic}@${event.offset} (attempt ${attempt}): ${(error as Error).message}`);
        await sleep(baseDelay * 2 ** (attempt - 1));
      }
    }
  }
}

/** The Kafka consumer side of a hybrid app, bound to the app's Kafka client and every declared topic. */
export function kafkaEventTransport(
  app: { get<T>(token: symbol): T },
  groupId: string,
  topics: ReadonlyMap<string, TopicDefinition<unknown>>,
): { strategy: KafkaEventServer } {
  return { strategy: new KafkaEventServer({ kafka: app.get<Kafka>(KAFKA_CLIENT), groupId, topics }) };
}
