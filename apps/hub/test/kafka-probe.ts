import { randomBytes } from 'node:crypto';
import type { EventEnvelope, TopicDefinition } from '@welkom/events';
import { buildSignedRecord, createKafkaClient, createReliableProducer, EnvelopeSigner } from '@welkom/messaging';
import { testInfrastructure, testKafka } from '@welkom/testing';
import type { PartyKey } from './hub-test-harness';

export interface SeenEvent<T> {
  envelope: { sourcePartyOin: string; eventType: string };
  key: string;
  payload: T;
  raw: Buffer;
}

/**
 * Kafka as a party sees it: publishes signed events as a dev party, and collects what the hub publishes.
 * Goes through libs/messaging, the only place that knows kafkajs.
 */
export class KafkaProbe {
  private readonly kafka = createKafkaClient({
    clientId: `hub-test-${randomBytes(3).toString('hex')}`,
    ...testKafka(),
  });
  private readonly seen = new Map<string, { key: string; value: Buffer; headers: Record<string, string> }[]>();
  private consumer: ReturnType<typeof this.kafka.consumer> | undefined;
  private producer: ReturnType<typeof createReliableProducer> | undefined;

  /** Starts reading the topics from their end, and resolves once the consumer group has its partitions. */
  /** The probe's Kafka client, e.g. to read whole topics with readTopicToEnd. */
  get client(): ReturnType<typeof createKafkaClient> {
    return this.kafka;
  }

  async watch(topics: readonly { name: string }[]): Promise<void> {
    const consumer = this.kafka.consumer({ groupId: `hub-test-${randomBytes(4).toString('hex')}` });
    this.consumer = consumer;
    await consumer.connect();
    const joined = new Promise<void>((resolve) => consumer.on(consumer.events.GROUP_JOIN, () => resolve()));
    await consumer.subscribe({ topics: topics.map((topic) => topic.name), fromBeginning: false });
    await consumer.run({
      // eslint-disable-next-line @typescript-eslint/require-await -- kafkajs wants a Promise back; this handler's work is synchronous.
      eachMessage: async ({ topic, message }) => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(message.headers ?? {})) headers[name] = String(value);
        const list = this.seen.get(topic) ?? [];
        list.push({ key: message.key?.toString('utf8') ?? '', value: message.value ?? Buffer.alloc(0), headers });
        this.seen.set(topic, list);
      },
    });
    await joined;
  }

  events<T>(topic: TopicDefinition<T>): SeenEvent<T>[] {
    return (this.seen.get(topic.name) ?? []).map((record) => ({
      envelope: { sourcePartyOin: record.headers['welkom-source-party'] ?? '', eventType: record.headers['welkom-event-type'] ?? '' },
      key: record.key,
      payload: topic.codec.decode(record.value),
      raw: record.value,
    }));
  }

  /** Records of any topic as they arrived, e.g. a dead-letter topic with its reason headers. */
  raw(topicName: string): { key: string; value: Buffer; headers: Record<string, string> }[] {
    return this.seen.get(topicName) ?? [];
  }

  /** Publishes an event signed by a dev party, as that party's connector would. */
  async publishAs<T>(partyKey: PartyKey, topic: TopicDefinition<T>, payload: T): Promise<EventEnvelope> {
    const party = testInfrastructure().certificates.parties[partyKey];
    const signer = EnvelopeSigner.fromFiles({ certificatePath: party.certificatePath, privateKeyPath: party.privateKeyPath });
    const record = await buildSignedRecord(topic, payload, signer);
    if (!this.producer) {
      this.producer = createReliableProducer(this.kafka);
      await this.producer.connect();
    }
    await this.producer.send({
      topic: topic.name,
      acks: -1,
      messages: [{ key: record.key, value: record.value, headers: record.headers }],
    });
    return record.envelope;
  }

  async stop(): Promise<void> {
    await this.consumer?.disconnect();
    await this.producer?.disconnect();
  }
}
