import type { Kafka } from 'kafkajs';
import { deadLetterTopicOf, type TopicDefinition } from '@welkom/events';

/**
 * Creates every declared topic and its dead-letter companion that does not exist yet. Brokers run with
 * auto.create.topics.enable=false, so a typo in a topic name fails loudly instead of creating a new topic.
 */
export async function ensureTopics(
  kafka: Kafka,
  definitions: TopicDefinition<unknown>[],
  options: { replicationFactor?: number } = {},
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = definitions.flatMap((definition) => [
      { topic: definition.name, numPartitions: definition.partitions, config: definition.config },
      { topic: deadLetterTopicOf(definition), numPartitions: 1, config: undefined },
    ]);
    const missing = wanted.filter((topic) => !existing.has(topic.topic));
    if (missing.length === 0) return [];
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((topic) => ({
        topic: topic.topic,
        numPartitions: topic.numPartitions,
        replicationFactor: options.replicationFactor ?? -1,
        configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    return missing.map((topic) => topic.topic);
  } finally {
    await admin.disconnect();
  }
}
