import { Logger } from '@nestjs/common';
import type { Kafka, Producer, ProducerBatch, ProducerRecord, RecordMetadata } from 'kafkajs';
import { assertEveryPartitionAcknowledged } from './acknowledged-partitions';
import { createReliableProducer } from './kafka-client.factory';

/**
 * An idempotent producer that is thrown away after any failed send and replaced on the next one.
 *
 * kafkajs keeps its idempotence sequence numbers after a failed request; once a broker has restarted or
 * lost the producer state, every later send fails with OUT_OF_ORDER_SEQUENCE_NUMBER or UNKNOWN_PRODUCER_ID
 * and the producer never recovers (tulios/kafkajs#598). A new producer gets a new producer id. Whatever the
 * old one may have written before failing is then sent again: a duplicate with the same event id, which
 * the consumers' inbox drops.
 */
export class ProducerSession {
  private readonly logger = new Logger(ProducerSession.name);
  private producer: Promise<Producer> | null = null;

  constructor(private readonly createProducer: () => Producer) {}

  static reliable(kafka: Kafka): ProducerSession {
    return new ProducerSession(() => createReliableProducer(kafka));
  }

  send(record: ProducerRecord): Promise<RecordMetadata[]> {
    return this.sendBatch({ topicMessages: [{ topic: record.topic, messages: record.messages }], timeout: record.timeout });
  }

  sendBatch(batch: ProducerBatch): Promise<RecordMetadata[]> {
    return this.withProducer(async (producer) => {
      const acknowledged = await producer.sendBatch({ ...batch, acks: -1 });
      assertEveryPartitionAcknowledged(batch.topicMessages ?? [], acknowledged);
      return acknowledged;
    });
  }

  async close(): Promise<void> {
    const current = this.producer;
    this.producer = null;
    if (current) await current.then((producer) => producer.disconnect()).catch(() => undefined);
  }

  private async withProducer(work: (producer: Producer) => Promise<RecordMetadata[]>): Promise<RecordMetadata[]> {
    const current = (this.producer ??= this.connect());
    try {
      return await work(await current);
    } catch (error) {
      if (this.producer === current) {
        this.producer = null;
        this.logger.warn(`Replacing the producer after a failed send: ${(error as Error).message}`);
        void current.then((producer) => producer.disconnect()).catch(() => undefined);
      }
      throw error;
    }
  }

  private async connect(): Promise<Producer> {
    const producer = this.createProducer();
    await producer.connect();
    return producer;
  }
}
