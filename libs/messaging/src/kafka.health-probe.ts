import { Inject, Injectable } from '@nestjs/common';
import type { Kafka } from 'kafkajs';
import type { HealthProbe } from '@welkom/observability';
import { KAFKA_CLIENT } from './messaging.tokens';

@Injectable()
export class KafkaHealthProbe implements HealthProbe {
  readonly name = 'kafka';

  constructor(@Inject(KAFKA_CLIENT) private readonly kafka: Kafka) {}

  async check(): Promise<Record<string, unknown>> {
    const admin = this.kafka.admin();
    await admin.connect();
    try {
      const cluster = await admin.describeCluster();
      return { brokers: cluster.brokers.length, controller: cluster.controller };
    } finally {
      await admin.disconnect();
    }
  }
}
