import 'reflect-metadata';
import { Controller, type DynamicModule, Inject, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { TopicDefinition } from '@welkom/events';
import {
  Inbox,
  kafkaEventTransport,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingModule,
  OnEvent,
  OnEventBatch,
  OutboxWriter,
  type ReceivedEvent,
} from '@welkom/messaging';
import { DatabaseModule, inTransaction } from '@welkom/persistence';
import { type BenchFact, benchTopic } from './bench-fact.codec';
import { startConsumerSide } from './consumer-side';
import type { ApplyMode, HubConsumerSettings, HubRunSettings } from './hub-run.settings';
import { Arrivals, figures, type RunFigures } from './latency.stats';

const ARRIVALS = Symbol('ARRIVALS');

/** The consuming side: the inbox claim is the effect, and the latency is taken once it committed. */
function consumerController(topic: TopicDefinition<BenchFact>, mode: ApplyMode) {
  @Controller()
  class BatchConsumer {
    constructor(
      private readonly dataSource: DataSource,
      private readonly inbox: Inbox,
      @Inject(ARRIVALS) private readonly arrivals: Arrivals,
    ) {}

    @OnEventBatch(topic)
    async onFacts(events: ReceivedEvent<BenchFact>[]): Promise<void> {
      const fresh = await inTransaction(this.dataSource, (manager) => this.inbox.claimAll(manager, events));
      const now = Date.now();
      for (const event of fresh) this.arrivals.record(Date.parse(event.envelope.occurredAt), now);
    }
  }

  @Controller()
  class OneByOneConsumer {
    constructor(
      private readonly dataSource: DataSource,
      private readonly inbox: Inbox,
      @Inject(ARRIVALS) private readonly arrivals: Arrivals,
    ) {}

    @OnEvent(topic)
    async onFact(event: ReceivedEvent<BenchFact>): Promise<void> {
      const fresh = await inTransaction(this.dataSource, (manager) => this.inbox.claim(manager, event));
      if (fresh) this.arrivals.record(Date.parse(event.envelope.occurredAt));
    }
  }

  return mode === 'in-batches' ? BatchConsumer : OneByOneConsumer;
}

@Module({})
class BenchServiceModule {
  /** The producing service (its relay on), or, given where to count arrivals, the consuming one (the controller). */
  static forRoot(settings: HubConsumerSettings, databaseUrl: string, arrivals?: Arrivals): DynamicModule {
    const topic = benchTopic(settings.runId);
    const name = `bench-${arrivals ? 'consumer' : 'producer'}-${settings.runId}`;
    return {
      module: BenchServiceModule,
      imports: [
        DatabaseModule.forRoot({ url: databaseUrl, entities: MESSAGING_ENTITIES, migrations: MESSAGING_MIGRATIONS, applicationName: name }),
        MessagingModule.forRoot({
          clientId: name,
          brokers: settings.brokers,
          tls: settings.tls,
          partyOin: settings.partyOin,
          signing: { certificatePath: settings.certificatePath, privateKeyPath: settings.privateKeyPath },
          trust: { caCertificatePath: settings.caCertificatePath, partyDirectoryFile: settings.partyDirectoryFile },
          extraTopics: [topic as TopicDefinition<unknown>],
          relay: { enabled: !arrivals },
        }),
      ],
      controllers: arrivals ? [consumerController(topic, settings.mode)] : [],
      providers: arrivals ? [{ provide: ARRIVALS, useValue: arrivals }] : [],
    };
  }
}

/** The consuming service (run by consumer-side.process.ts): subscribed when this resolves; returns how to stop it. */
export async function startHubConsumer(settings: HubConsumerSettings, arrivals: Arrivals): Promise<() => Promise<void>> {
  const consumer = await NestFactory.create(BenchServiceModule.forRoot(settings, settings.consumerDatabaseUrl, arrivals), {
    logger: ['error'],
  });
  consumer.connectMicroservice(kafkaEventTransport(consumer, `bench-consumer-${settings.runId}`));
  await consumer.init();
  await consumer.startAllMicroservices();
  return () => consumer.close();
}

/**
 * The hub's path, as two services run it, each in its own process: the producer records facts through the
 * transactional outbox (signed at enqueue) and its relay publishes them; the consumer, in a process of its
 * own as the plain run's consumer is, verifies every signature and applies each event once through the inbox.
 */
export async function runHubBackbone(settings: HubRunSettings, facts: BenchFact[]): Promise<RunFigures> {
  const { producerDatabaseUrl, perTransaction, ...consumerSettings } = settings;
  const consumerSide = await startConsumerSide({
    kind: 'hub',
    settings: consumerSettings,
    expected: facts.length,
    timeoutMs: 120_000 + facts.length * (settings.mode === 'one-by-one' ? 20 : 5),
  });
  const producer = await NestFactory.create(BenchServiceModule.forRoot(consumerSettings, producerDatabaseUrl), { logger: ['error'] });
  try {
    await producer.init();
    const topic = benchTopic(settings.runId);
    const dataSource = producer.get(DataSource);
    const outbox = producer.get(OutboxWriter);
    const firstSentAt = Date.now();
    for (let start = 0; start < facts.length; start += perTransaction) {
      await inTransaction(dataSource, (manager) => outbox.enqueueAll(manager, topic, facts.slice(start, start + perTransaction)));
    }
    const arrived = await consumerSide.finished;
    return figures(arrived.latenciesMs, firstSentAt, arrived.lastAt);
  } finally {
    await producer.close();
    await consumerSide.stop();
  }
}
