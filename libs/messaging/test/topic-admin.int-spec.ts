import { ConfigResourceTypes, type Kafka } from 'kafkajs';
import { deadLetterTopicOf } from '@welkom/events';
import { testKafka } from '@welkom/testing';
import { createKafkaClient } from '../src/kafka-client.factory';
import { ensureTopics } from '../src/topic-admin';
import { caseFactTopic } from './fixtures/case-fact.codec';
import { newRunId } from './fixtures/fault-harness';

jest.setTimeout(60_000);

async function topicConfig(kafka: Kafka, topic: string, names: string[]): Promise<Record<string, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const described = await admin.describeConfigs({
      includeSynonyms: false,
      resources: [{ type: ConfigResourceTypes.TOPIC, name: topic, configNames: names }],
    });
    return Object.fromEntries(described.resources[0].configEntries.map((entry) => [entry.configName, entry.configValue]));
  } finally {
    await admin.disconnect();
  }
}

describe('topic administration on the real broker', () => {
  const kafka = createKafkaClient({ clientId: 'topic-admin-spec', ...testKafka() });
  const RETENTION = ['retention.ms', 'retention.bytes', 'cleanup.policy'];

  it('creates a dead-letter topic whose letters never expire, beside a source topic with the broker defaults', async () => {
    const topic = caseFactTopic(newRunId());

    const created = await ensureTopics(kafka, [topic]);

    expect(created).toEqual([topic.name, deadLetterTopicOf(topic)]);
    expect(await topicConfig(kafka, deadLetterTopicOf(topic), RETENTION)).toEqual({
      'retention.ms': '-1',
      'retention.bytes': '-1',
      'cleanup.policy': 'delete',
    });
    expect((await topicConfig(kafka, topic.name, RETENTION))['retention.ms']).toBe('604800000');
  });

  it('sets the retention of a dead-letter topic made before it was declared, without recreating it', async () => {
    const topic = caseFactTopic(newRunId());
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.createTopics({ waitForLeaders: true, topics: [{ topic: deadLetterTopicOf(topic), numPartitions: 1 }] });
    } finally {
      await admin.disconnect();
    }
    expect((await topicConfig(kafka, deadLetterTopicOf(topic), RETENTION))['retention.ms']).toBe('604800000');

    const created = await ensureTopics(kafka, [topic]);

    expect(created).toEqual([topic.name]);
    expect((await topicConfig(kafka, deadLetterTopicOf(topic), RETENTION))['retention.ms']).toBe('-1');
  });
});
