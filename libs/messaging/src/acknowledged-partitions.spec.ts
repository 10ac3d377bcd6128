import { type Message, type PartitionMetadata, Partitioners, type RecordMetadata } from 'kafkajs';
import { assertEveryPartitionAcknowledged, recordingPartitioner, UnacknowledgedPartitionsError } from './acknowledged-partitions';

const partitionMetadata: PartitionMetadata[] = [0, 1, 2, 3].map((partitionId) => ({
  partitionId,
  leader: partitionId % 2,
  replicas: [0, 1],
  isr: [0, 1],
  partitionErrorCode: 0,
}));

function routed(topic: string, keys: string[]): { messages: Message[]; partitions: number[] } {
  const partition = recordingPartitioner();
  const messages = keys.map((key) => ({ key, value: 'fact' }));
  return { messages, partitions: messages.map((message) => partition({ topic, partitionMetadata, message })) };
}

const ack = (topicName: string, partition: number, errorCode = 0): RecordMetadata => ({ topicName, partition, errorCode });

describe('assertEveryPartitionAcknowledged', () => {
  const keys = Array.from({ length: 40 }, (_, index) => `case-${index}`);

  it('accepts a send whose every routed partition was acknowledged', () => {
    const { messages, partitions } = routed('welkom.cases', keys);
    const acknowledged = [...new Set(partitions)].map((partition) => ack('welkom.cases', partition));
    expect(() => assertEveryPartitionAcknowledged([{ topic: 'welkom.cases', messages }], acknowledged)).not.toThrow();
  });

  it('refuses a send that kafkajs resolved without one of its partitions (tulios/kafkajs#1303)', () => {
    const { messages, partitions } = routed('welkom.cases', keys);
    const [dropped, ...kept] = [...new Set(partitions)].sort();
    expect(() =>
      assertEveryPartitionAcknowledged(
        [{ topic: 'welkom.cases', messages }],
        kept.map((partition) => ack('welkom.cases', partition)),
      ),
    ).toThrow(
      new UnacknowledgedPartitionsError(
        `the broker did not acknowledge welkom.cases/${dropped} (kafkajs reported the send as complete; tulios/kafkajs#1303)`,
      ),
    );
  });

  it('does not count an acknowledgement that carries an error code, or one for another topic', () => {
    const { messages, partitions } = routed('welkom.cases', ['only-key']);
    expect(() =>
      assertEveryPartitionAcknowledged(
        [{ topic: 'welkom.cases', messages }],
        [ack('welkom.cases', partitions[0], 6), ack('welkom.other', partitions[0])],
      ),
    ).toThrow(UnacknowledgedPartitionsError);
  });

  it('places every key where the default murmur2 partitioner does', () => {
    const { messages, partitions } = routed('welkom.cases', keys);
    const defaultPartition = Partitioners.DefaultPartitioner();
    expect(partitions).toEqual(messages.map((message) => defaultPartition({ topic: 'welkom.cases', partitionMetadata, message })));
    expect(new Set(partitions).size).toBeGreaterThan(1);
  });
});
