import { type Kafka, Partitioners } from 'kafkajs';
import { type KafkaTlsFiles, waitForPartitionLeaders } from '@welkom/messaging';
import { BENCH_PARTITIONS, BenchFact } from './bench-fact.codec';
import { startConsumerSide } from './consumer-side';
import { type Arrivals, figures, type RunFigures } from './latency.stats';

const SENT_AT_HEADER = 'bench-sent-at';

/** The consuming half of the ceiling: a plain eachBatch consumer that does nothing but count. Returns how to stop it. */
export async function startPlainConsumer(kafka: Kafka, topic: string, arrivals: Arrivals): Promise<() => Promise<void>> {
  const consumer = kafka.consumer({ groupId: `${topic}-consumer`, allowAutoTopicCreation: false });
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    // eslint-disable-next-line @typescript-eslint/require-await -- kafkajs wants a Promise back; this handler's work is synchronous.
    eachBatch: async ({ batch }) => {
      const now = Date.now();
      for (const message of batch.messages) arrivals.record(Number(message.headers?.[SENT_AT_HEADER]?.toString()), now);
    },
  });
  return () => consumer.disconnect();
}

/**
 * The raw ceiling: the same payloads produced with plain kafkajs (default producer, acks=all, batches of
 * the relay's size) and consumed, in a process of its own, by a plain eachBatch consumer that does nothing but
 * count. No envelope, no signature, no database.
 */
export async function runPlainKafkajs(
  kafka: Kafka,
  connection: { brokers: string[]; tls?: KafkaTlsFiles },
  runId: string,
  facts: BenchFact[],
  batchSize: number,
): Promise<RunFigures> {
  const topic = `welkom-bench-plain-${runId}-${facts.length}`;
  const admin = kafka.admin();
  await admin.connect();
  // kafkajs's own wait gives up on UNKNOWN_TOPIC_OR_PARTITION while the new topic's metadata spreads.
  await admin.createTopics({ waitForLeaders: false, topics: [{ topic, numPartitions: BENCH_PARTITIONS, replicationFactor: -1 }] });
  await waitForPartitionLeaders(admin, [topic]);
  const consumerSide = await startConsumerSide({
    kind: 'plain',
    ...connection,
    topic,
    expected: facts.length,
    timeoutMs: 120_000 + facts.length * 5,
  });
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner, allowAutoTopicCreation: false });
  try {
    await producer.connect();
    const firstSentAt = Date.now();
    for (let start = 0; start < facts.length; start += batchSize) {
      const sentAt = String(Date.now());
      await producer.sendBatch({
        acks: -1,
        topicMessages: [
          {
            topic,
            messages: facts.slice(start, start + batchSize).map((fact) => ({
              key: fact.caseId,
              value: Buffer.from(BenchFact.encode(fact).finish()),
              headers: { [SENT_AT_HEADER]: sentAt },
            })),
          },
        ],
      });
    }
    const arrived = await consumerSide.finished;
    return figures(arrived.latenciesMs, firstSentAt, arrived.lastAt);
  } finally {
    await producer.disconnect();
    await consumerSide.stop();
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}
