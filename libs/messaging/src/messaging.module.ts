import { type DynamicModule, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { Kafka, Producer } from 'kafkajs';
import { allTopicDefinitions } from '@welkom/events';
import { EventPublisher } from './event-publisher';
import { createKafkaClient, createReliableProducer } from './kafka-client.factory';
import { KafkaHealthProbe } from './kafka.health-probe';
import { KAFKA_CLIENT, KAFKA_PRODUCER } from './messaging.tokens';
import { ensureTopics } from './topic-admin';

export interface MessagingOptions {
  clientId: string;
  brokers: string[];
  /** OIN of the party this service acts for; stamped on every envelope it publishes. */
  partyOin: string;
}

@Injectable()
class ProducerLifecycle implements OnApplicationShutdown {
  constructor(@Inject(KAFKA_PRODUCER) private readonly producer: Producer) {}

  async onApplicationShutdown(): Promise<void> {
    await this.producer.disconnect();
  }
}

@Module({})
export class MessagingModule {
  static forRoot(options: MessagingOptions): DynamicModule {
    return {
      module: MessagingModule,
      global: true,
      providers: [
        { provide: KAFKA_CLIENT, useValue: createKafkaClient(options) },
        {
          provide: KAFKA_PRODUCER,
          inject: [KAFKA_CLIENT],
          useFactory: async (kafka: Kafka) => {
            // Declared topics exist before anything publishes or subscribes.
            await ensureTopics(kafka, allTopicDefinitions());
            const producer = createReliableProducer(kafka);
            await producer.connect();
            return producer;
          },
        },
        {
          provide: EventPublisher,
          inject: [KAFKA_PRODUCER],
          useFactory: (producer: Producer) => new EventPublisher(producer, options.partyOin),
        },
        ProducerLifecycle,
        KafkaHealthProbe,
      ],
      exports: [KAFKA_CLIENT, EventPublisher, KafkaHealthProbe],
    };
  }
}
