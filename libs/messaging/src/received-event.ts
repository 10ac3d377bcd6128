import { BaseRpcContext } from '@nestjs/microservices';
import type { EventEnvelope } from '@welkom/events';

/** What an @EventPattern handler receives: the checked envelope and the decoded, typed payload. */
export interface ReceivedEvent<T> {
  envelope: EventEnvelope;
  payload: T;
  topic: string;
  partition: number;
  offset: string;
  /** The consumer group that received it; the inbox de-duplicates per group. */
  consumerGroup?: string;
}

/** Marks the execution context of Kafka handlers, so gRPC-only filters leave these errors alone. */
export class KafkaEventContext extends BaseRpcContext<[topic: string, partition: number, offset: string]> {
  get topic(): string {
    return this.args[0];
  }
}
