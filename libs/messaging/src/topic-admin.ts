import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import { DEAD_LETTER_TOPIC_CONFIG, deadLetterTopicOf, type TopicDefinition } from '@welkom/events';

/**
 * Creates every declared topic and its dead-letter companion that does not exist yet. Brokers run with
 * auto.create.topics.enable=false, so a typo in a topic name fails loudly instead of creating a new topic.
 * Dead-letter topics that already exist (made before their retention was set) get it set, so no dead letter
 * expires on a cluster that was set up earlier.
 */
export async function ensureTopics(
  kafka: Kafka,
  // Only the names, partition counts and configs matter here, so a topic of any payload type will do.
  definitions: readonly Pick<TopicDefinition<unknown>, 'name' | 'partitions' | 'config'>[],
  options: { replicationFactor?: number } = {},
): Promise<string[]> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const wanted = definitions.flatMap((definition) => [
      { topic: definition.name, numPartitions: definition.partitions, config: definition.config },
      { topic: deadLetterTopicOf(definition), numPartitions: 1, config: DEAD_LETTER_TOPIC_CONFIG },
    ]);
    const missing = wanted.filter((topic) => !existing.has(topic.topic));
    const existingDeadLetters = wanted.filter((topic) => topic.config === DEAD_LETTER_TOPIC_CONFIG && existing.has(topic.topic));
    if (existingDeadLetters.length > 0) {
      await admin.alterConfigs({
        validateOnly: false,
        resources: existingDeadLetters.map((topic) => ({
          type: ConfigResourceTypes.TOPIC,
          name: topic.topic,
          configEntries: Object.entries(DEAD_LETTER_TOPIC_CONFIG).map(([name, value]) => ({ name, value })),
        })),
      });
    }
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
