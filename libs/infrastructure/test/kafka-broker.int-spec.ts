import { randomBytes } from 'node:crypto';
import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { Kafka, logLevel, Partitioners, type Admin } from 'kafkajs';

import { startKafkaBroker, type KafkaBrokerHandle } from '../src/kafka/kafka-broker';

// The first run downloads ~46 MB of jars through Maven; later starts take seconds.
const firstStartTimeoutMs = 10 * 60_000;
jest.setTimeout(120_000);

function client(brokers: string[]): Kafka {
  return new Kafka({ clientId: 'kafka-broker-int-spec', brokers, logLevel: logLevel.NOTHING });
}

async function withAdmin<T>(brokers: string[], work: (admin: Admin) => Promise<T>): Promise<T> {
  const admin = client(brokers).admin();
  await admin.connect();
  try {
    return await work(admin);
  } finally {
    await admin.disconnect();
  }
}

async function produce(brokers: string[], topic: string, key: string, value: string): Promise<void> {
  const producer = client(brokers).producer({ createPartitioner: Partitioners.DefaultPartitioner, idempotent: true });
  await producer.connect();
  try {
    await producer.send({ topic, acks: -1, messages: [{ key, value }] });
  } finally {
    await producer.disconnect();
  }
}

/** A new group reading from the start sees what the log holds, not what some earlier consumer remembered. */
async function firstMessageFromBeginning(brokers: string[], topic: string): Promise<{ key: string; value: string }> {
  const consumer = client(brokers).consumer({ groupId: `reader-${randomBytes(4).toString('hex')}` });
  await consumer.connect();
  try {
    await consumer.subscribe({ topic, fromBeginning: true });
    return await new Promise((done, fail) => {
      const timer = setTimeout(() => fail(new Error(`no message on ${topic} within 30 s`)), 30_000);
      void consumer.run({
        eachMessage: async ({ message }) => {
          clearTimeout(timer);
          done({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '' });
        },
      });
    });
  } finally {
    await consumer.disconnect();
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('local Kafka broker started from Maven Central jars', () => {
  let broker: KafkaBrokerHandle | undefined;

  beforeAll(async () => {
    broker = await startKafkaBroker();
  }, firstStartTimeoutMs);

  afterAll(async () => {
    await broker?.stop();
  });

  it('runs a real Kafka 3.9 on a loopback port', () => {
    expect(broker?.version).toMatch(/^3\.9\.\d+$/);
    expect(broker?.brokers).toEqual([expect.stringMatching(/^127\.0\.0\.1:\d+$/)]);
    expect(isAlive(broker?.pid ?? 0)).toBe(true);
  });

  it('refuses to create topics implicitly, so a misspelt topic fails loudly', async () => {
    const brokers = broker?.brokers ?? [];
    const producer = client(brokers).producer({
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: true,
      retry: { retries: 1 },
    });
    await producer.connect();
    try {
      await expect(producer.send({ topic: 'welkom.no-such-topic', messages: [{ value: 'lost' }] })).rejects.toThrow();
    } finally {
      await producer.disconnect();
    }
    const topics = await withAdmin(brokers, (admin) => admin.listTopics());
    expect(topics).not.toContain('welkom.no-such-topic');
  });

  it('keeps a produced message through a restart on the same address', async () => {
    const handle = broker as KafkaBrokerHandle;
    const brokersBefore = [...handle.brokers];
    const pidBefore = handle.pid;
    const topic = `welkom.broker-restart.${randomBytes(4).toString('hex')}`;

    await withAdmin(handle.brokers, (admin) => admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 1 }] }));
    await produce(handle.brokers, topic, 'permit-42', 'granted');
    expect(await firstMessageFromBeginning(handle.brokers, topic)).toEqual({ key: 'permit-42', value: 'granted' });

    await handle.restart();

    expect(handle.brokers).toEqual(brokersBefore);
    expect(handle.pid).not.toBe(pidBefore);
    expect(isAlive(pidBefore)).toBe(false);
    expect(await firstMessageFromBeginning(handle.brokers, topic)).toEqual({ key: 'permit-42', value: 'granted' });
  });

  it('recovers acknowledged messages after the JVM is killed without warning', async () => {
    const handle = broker as KafkaBrokerHandle;
    const killedPid = handle.pid;
    const topic = `welkom.broker-crash.${randomBytes(4).toString('hex')}`;
    await withAdmin(handle.brokers, (admin) => admin.createTopics({ waitForLeaders: true, topics: [{ topic }] }));
    await produce(handle.brokers, topic, 'case-9', 'approved');

    await handle.kill();
    expect(isAlive(killedPid)).toBe(false);
    await handle.restart();

    expect(await firstMessageFromBeginning(handle.brokers, topic)).toEqual({ key: 'case-9', value: 'approved' });
  });

  it('stops the JVM for good, and a second stop is harmless', async () => {
    const handle = broker as KafkaBrokerHandle;
    const pid = handle.pid;

    await handle.stop();
    await handle.stop();

    expect(() => process.kill(pid, 0)).toThrow();
    await expect(access(join(handle.dataDir, 'broker.pid'))).rejects.toThrow();
  });
});

describe('local Kafka broker left behind by a crashed run', () => {
  let dataDir = '';
  const handles: KafkaBrokerHandle[] = [];

  beforeAll(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'welkom-kafka-stale-'));
  });

  afterAll(async () => {
    for (const handle of handles) await handle.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('is stopped before a new broker starts in the same data dir, and the data carries over', async () => {
    const orphan = await startKafkaBroker({ dataDir });
    handles.push(orphan);
    const topic = 'welkom.survives-takeover';
    await withAdmin(orphan.brokers, (admin) => admin.createTopics({ waitForLeaders: true, topics: [{ topic }] }));
    await produce(orphan.brokers, topic, 'case-7', 'submitted');

    // Starting again in the same dir without stopping is what the next run does after its parent crashed.
    const successor = await startKafkaBroker({ dataDir });
    handles.push(successor);

    expect(isAlive(orphan.pid)).toBe(false);
    expect(successor.pid).not.toBe(orphan.pid);
    expect(successor.brokers).toEqual(orphan.brokers);
    expect(await firstMessageFromBeginning(successor.brokers, topic)).toEqual({ key: 'case-7', value: 'submitted' });
  });
});
