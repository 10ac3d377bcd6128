import { randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import type { TopicDefinition } from '@welkom/events';
import {
  Inbox,
  MESSAGING_ENTITIES,
  MESSAGING_MIGRATIONS,
  MessagingMetrics,
  OutboxWriter,
  EnvelopeSigner,
  TopicCatalog,
  type ReceivedEvent,
} from '@welkom/messaging';
import { createDataSource, inTransaction, runMigrations } from '@welkom/persistence';
import { testInfrastructure } from '@welkom/testing';
import { caseFactTopic } from './fixtures/case-fact.codec';
import { testDatabases } from './fixtures/fault-harness';

jest.setTimeout(60_000);

function receivedEvent(eventId: string): ReceivedEvent<unknown> {
  return {
    envelope: {
      eventId,
      eventType: 'welkom.fault.case-fact',
      schemaVersion: 1,
      sourcePartyOin: '00000001999999990000',
      occurredAt: new Date().toISOString(),
      correlationId: 'c',
      traceparent: '',
    },
    payload: {},
    topic: 'welkom.fault.case-fact-schema.v1',
    partition: 0,
    offset: '0',
    consumerGroup: 'schema-spec',
  };
}

describe('messaging tables', () => {
  const databases = testDatabases();
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = createDataSource({
      url: await databases.create('messaging_schema'),
      entities: MESSAGING_ENTITIES,
      migrations: MESSAGING_MIGRATIONS,
      applicationName: 'messaging-schema-spec',
    });
    await dataSource.initialize();
    await runMigrations(dataSource);
  });

  afterAll(async () => {
    await dataSource?.destroy();
    await databases.dropAll();
  });

  it('match their entities: generating a migration from the migrated database produces nothing', async () => {
    const pending = await dataSource.driver.createSchemaBuilder().log();
    expect(pending.upQueries.map((query) => query.query)).toEqual([]);
  });

  it('let only the first of two concurrent claims of one event win; the second waits and then sees a duplicate', async () => {
    const inbox = new Inbox({ consumerGroup: 'schema-spec' }, new MessagingMetrics());
    const event = receivedEvent(randomUUID());
    let releaseFirst: () => void = () => undefined;
    const firstHolds = new Promise<void>((resolve) => (releaseFirst = resolve));
    let firstClaimed: () => void = () => undefined;
    const firstHasClaimed = new Promise<void>((resolve) => (firstClaimed = resolve));

    const first = inTransaction(dataSource, async (manager) => {
      const won = await inbox.claim(manager, event);
      firstClaimed();
      await firstHolds;
      return won;
    });
    await firstHasClaimed;
    let secondSettled = false;
    const second = inTransaction(dataSource, (manager) => inbox.claim(manager, event)).finally(() => (secondSettled = true));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(secondSettled).toBe(false);
    releaseFirst();

    expect(await first).toBe(true);
    expect(await second).toBe(false);
  });

  it('frees the event id again when the effect rolls back with the claim', async () => {
    const inbox = new Inbox({ consumerGroup: 'schema-spec' }, new MessagingMetrics());
    const event = receivedEvent(randomUUID());
    await expect(
      inTransaction(dataSource, async (manager) => {
        await inbox.claim(manager, event);
        throw new Error('the effect failed');
      }),
    ).rejects.toThrow('the effect failed');
    expect(await inTransaction(dataSource, (manager) => inbox.claim(manager, event))).toBe(true);
  });

  it('refuses to claim or enqueue outside a transaction', async () => {
    const inbox = new Inbox({ consumerGroup: 'schema-spec' }, new MessagingMetrics());
    await expect(inbox.claim(dataSource.manager, receivedEvent(randomUUID()))).rejects.toThrow(/must run inside a transaction/);
    const topic = caseFactTopic('schema');
    const catalog = new TopicCatalog([topic as TopicDefinition<unknown>]);
    const writer = new OutboxWriter(EnvelopeSigner.fromFiles(testInfrastructure().certificates.parties.hub), catalog);
    await expect(writer.enqueue(dataSource.manager, topic, { caseId: 'c', sequence: 1 })).rejects.toThrow(/must run inside a transaction/);
  });

  it('refuses an outbox row for a topic nobody declared, which the relay could never publish', async () => {
    const writer = new OutboxWriter(EnvelopeSigner.fromFiles(testInfrastructure().certificates.parties.hub), new TopicCatalog([]));
    await expect(
      inTransaction(dataSource, (manager) => writer.enqueue(manager, caseFactTopic('undeclared'), { caseId: 'c', sequence: 1 })),
    ).rejects.toThrow(/is not declared/);
  });
});
