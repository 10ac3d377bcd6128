import { createKafkaClient, readTopicToEnd } from '@welkom/messaging';
import { eventually } from '@welkom/testing';
import { type KafkaClusterHandle, startKafkaCluster } from '@welkom/infrastructure';
import { type CaseService, startCaseService } from './fixtures/case-service';
import { caseFacts, caseServiceSettings, effectSummary, newRunId, settledOrStage, testDatabases } from './fixtures/fault-harness';

jest.setTimeout(300_000);

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('one broker of a 3-broker cluster killed while producers and consumers run', () => {
  const databases = testDatabases();
  const services: CaseService[] = [];
  // Its own cluster: this spec kills brokers, and the suite's shared broker is a single node.
  let cluster: KafkaClusterHandle;

  beforeAll(async () => {
    cluster = await startKafkaCluster({ size: 3 });
  });

  afterAll(async () => {
    for (const service of services.splice(0)) await service.close();
    await cluster?.stop();
    await databases.dropAll();
  });

  it('replicates the topics to 3 brokers, and loses nothing and applies nothing twice across a SIGKILL', async () => {
    const runId = newRunId();
    const producerUrl = await databases.create('cluster_producer');
    const consumerUrl = await databases.create('cluster_consumer');
    const producer = await startCaseService(
      caseServiceSettings({ name: `producer-${runId}`, runId, databaseUrl: producerUrl, brokers: cluster.brokers }),
    );
    services.push(producer);
    services.push(
      await startCaseService(
        caseServiceSettings({
          name: `consumer-${runId}`,
          runId,
          databaseUrl: consumerUrl,
          brokers: cluster.brokers,
          consume: 'one-by-one',
          sessionTimeoutMs: 6_000,
        }),
      ),
    );
    const kafka = createKafkaClient({ clientId: `cluster-check-${runId}`, brokers: cluster.brokers });
    const admin = kafka.admin();
    await admin.connect();
    try {
      const [described] = (await admin.fetchTopicMetadata({ topics: [producer.topic.name] })).topics;
      expect(described.partitions.map((partition) => partition.replicas.length)).toEqual(described.partitions.map(() => 3));
    } finally {
      await admin.disconnect();
    }

    const facts = caseFacts(runId, 8, 200);
    const perTransaction = 20;
    let written = 0;
    const writing = (async () => {
      for (let start = 0; start < facts.length; start += perTransaction) {
        await producer.recordFacts(facts.slice(start, start + perTransaction));
        written += perTransaction;
        await pause(40);
      }
    })();

    // A node dies without a clean shutdown a third of the way in, and comes back a few seconds later: the
    // other two hold every acknowledged write (min.insync.replicas 2) and take over its partitions.
    await eventually(() => Promise.resolve(written >= facts.length / 3 ? true : undefined), 90_000);
    const victim = cluster.nodes[1];
    await victim.kill();
    const writtenBefore = written;
    await pause(4_000);
    const writtenWhileDown = written - writtenBefore;
    await victim.restart();
    await writing;

    await eventually(
      () => settledOrStage(kafka, { producerUrl, group: `consumer-${runId}`, topic: producer.topic.name, expected: facts.length }),
      180_000,
    );
    const summary = await effectSummary(consumerUrl);
    const published = await readTopicToEnd(kafka, [producer.topic.name]);
    console.log(
      `3-broker cluster, node 2 killed: ${facts.length} facts; ${writtenWhileDown} recorded while it was down; ` +
        `${published.length} records on the topic; ${JSON.stringify(summary)}`,
    );
    expect(writtenWhileDown).toBeGreaterThan(0);
    expect(summary).toEqual({
      applied: facts.length,
      distinctEvents: facts.length,
      duplicatesSkipped: summary.duplicatesSkipped,
      casesOutOfOrder: [],
    });
    expect(new Set(published.map((record) => String(record.headers['welkom-event-id']))).size).toBe(facts.length);
  });
});
