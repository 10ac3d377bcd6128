import { type Admin, ConfigResourceTypes, type Kafka } from 'kafkajs';
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
      // kafkajs's own wait retries only LEADER_NOT_AVAILABLE; on a multi-broker cluster the broker it asks may
      // not know the new topic yet (UNKNOWN_TOPIC_OR_PARTITION), so the wait below retries both.
      waitForLeaders: false,
      topics: missing.map((topic) => ({
        topic: topic.topic,
        numPartitions: topic.numPartitions,
        replicationFactor: options.replicationFactor ?? -1,
        configEntries: Object.entries(topic.config ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
    await waitForPartitionLeaders(
      admin,
      missing.map((topic) => topic.topic),
    );
    return missing.map((topic) => topic.topic);
  } finally {
    await admin.disconnect();
  }
}

const METADATA_PROPAGATION_ERRORS = new Set(['UNKNOWN_TOPIC_OR_PARTITION', 'LEADER_NOT_AVAILABLE']);

/** Waits until every partition of the new topics has a leader, as the metadata of the cluster reports it. */
export async function waitForPartitionLeaders(admin: Admin, topics: string[], timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const metadata = await admin.fetchTopicMetadata({ topics });
      const leaderless = metadata.topics.filter((topic) => topic.partitions.some((partition) => partition.leader < 0));
      if (leaderless.length === 0) return;
      if (Date.now() > deadline) {
        throw new Error(`topics without a partition leader after ${timeoutMs} ms: ${leaderless.map((topic) => topic.name).join(', ')}`);
      }
    } catch (error) {
      // The client's retrier may wrap the protocol error once it has given up on its own.
      const failure = error as { type?: string; originalError?: { type?: string } };
      const type = failure.type ?? failure.originalError?.type;
      if (!type || !METADATA_PROPAGATION_ERRORS.has(type) || Date.now() > deadline) throw error;
    }
    await new Promise((resolve) => setTimeout(resolve, Math.min(100 * 2 ** attempt, 1_000)));
  }
}
