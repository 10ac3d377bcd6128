import { type ICustomPartitioner, type Message, Partitioners, type RecordMetadata } from 'kafkajs';

const CHOSEN_PARTITION = Symbol('welkom.chosenPartition');

type TaggedMessage = Message & { [CHOSEN_PARTITION]?: number };

/**
 * The Java-compatible murmur2 partitioner, which also notes on each message the partition it chose, so the
 * sender can check afterwards that the broker acknowledged every partition it wrote to.
 */
export const recordingPartitioner: ICustomPartitioner = () => {
  const choose = Partitioners.DefaultPartitioner();
  return (args) => {
    const partition = choose(args);
    (args.message as TaggedMessage)[CHOSEN_PARTITION] = partition;
    return partition;
  };
};

/** Thrown when kafkajs reports success for a send that left partitions unacknowledged; the send must be repeated. */
export class UnacknowledgedPartitionsError extends Error {}

/**
 * kafkajs can resolve a multi-broker send without writing some of it (tulios/kafkajs#1303): when one broker
 * fails and its partitions move to a broker that already answered in the same send, the retry skips that
 * broker and the moved messages are dropped without an error. Every partition a message was routed to must
 * appear, error-free, in the acknowledgements; otherwise the send counts as failed, the caller repeats it,
 * and the consumers' inboxes drop the copies that did land.
 */
export function assertEveryPartitionAcknowledged(
  topicMessages: readonly { topic: string; messages: readonly Message[] }[],
  acknowledged: readonly RecordMetadata[],
): void {
  const written = new Set(acknowledged.filter((entry) => entry.errorCode === 0).map((entry) => `${entry.topicName}/${entry.partition}`));
  const missing = new Set<string>();
  for (const { topic, messages } of topicMessages) {
    for (const message of messages) {
      const partition = (message as TaggedMessage)[CHOSEN_PARTITION];
      if (partition !== undefined && !written.has(`${topic}/${partition}`)) missing.add(`${topic}/${partition}`);
    }
  }
  if (missing.size > 0) {
    throw new UnacknowledgedPartitionsError(
      `the broker did not acknowledge ${[...missing].sort().join(', ')} (kafkajs reported the send as complete; tulios/kafkajs#1303)`,
    );
  }
}
