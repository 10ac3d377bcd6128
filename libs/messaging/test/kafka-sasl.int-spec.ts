import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Kafka } from 'kafkajs';
import { kafkaToolConfigSchema, kafkaToolSecurity, loadConfig } from '@welkom/config';
import { devKafkaBrokerTls, type KafkaBrokerHandle, startKafkaBroker } from '@welkom/infrastructure';
import { testInfrastructure } from '@welkom/testing';
import { createKafkaClient } from '../src/kafka-client.factory';
import { replaceKafkaAcls } from '../src/kafka-acl.admin';

// A broker of its own (a JVM start and a storage format) on a loaded machine.
jest.setTimeout(240_000);

const USER = 'welkom-sasl-client';

/**
 * A cluster that authenticates with passwords: the project's broker, secured as `npm start` runs it, with a SASL_SSL
 * SCRAM listener added. The client connects through the factory with the settings a service or tool reads from its
 * environment (KAFKA_SECURITY=sasl_ssl, a password file), and the broker's ACLs see the SASL user.
 */
describe('Kafka over SASL_SSL with SCRAM', () => {
  const { certificates } = testInfrastructure();
  const password = randomBytes(18)
    .toString('base64url')
    .replace(/[^A-Za-z0-9]/g, 'x');
  const topic = `welkom.fault.sasl-${randomUUID()}`;
  const forbiddenTopic = `${topic}.forbidden`;
  const secretsDir = mkdtempSync(join(tmpdir(), 'kafka-sasl-'));
  let broker: KafkaBrokerHandle;

  /** A client as a tool configured from the environment would get it: through config, then the factory. */
  function saslClient(mechanism: string, passwordFile: string): Kafka {
    const config = loadConfig(kafkaToolConfigSchema, {
      KAFKA_BROKERS: broker.saslBrokers.join(','),
      KAFKA_SECURITY: 'sasl_ssl',
      KAFKA_TLS_CA_FILE: certificates.caCertificatePath,
      KAFKA_SASL_MECHANISM: mechanism,
      KAFKA_SASL_USERNAME: USER,
      KAFKA_SASL_PASSWORD_FILE: passwordFile,
    });
    return createKafkaClient({ clientId: `sasl-${mechanism}`, brokers: config.KAFKA_BROKERS, ...kafkaToolSecurity(config) });
  }

  function passwordFile(name: string, content: string): string {
    const file = join(secretsDir, name);
    writeFileSync(file, `${content}\n`, { mode: 0o600 });
    return file;
  }

  beforeAll(async () => {
    const tls = await devKafkaBrokerTls(certificates);
    broker = await startKafkaBroker({
      tls: { ...tls, sasl: { mechanisms: ['SCRAM-SHA-512', 'SCRAM-SHA-256'], users: [{ name: USER, password }] } },
    });
    // The administrator (mutual TLS, a super user) makes the topics and gives the SASL user its rights on one.
    const admin = createKafkaClient({ clientId: 'sasl-admin', brokers: broker.brokers, tls: broker.tls });
    const topics = admin.admin();
    await topics.connect();
    try {
      await topics.createTopics({ waitForLeaders: true, topics: [{ topic }, { topic: forbiddenTopic }] });
    } finally {
      await topics.disconnect();
    }
    await replaceKafkaAcls(admin, [
      {
        principal: `User:${USER}`,
        rules: [
          { resource: { type: 'topic', name: topic, patternType: 'literal' }, operations: ['Describe', 'Write', 'Read'] },
          { resource: { type: 'group', name: 'welkom-sasl-', patternType: 'prefix' }, operations: ['Read'] },
          { resource: { type: 'cluster' }, operations: ['IdempotentWrite', 'Describe'] },
        ],
      },
    ]);
  });

  afterAll(async () => {
    await broker?.stop();
  });

  async function produce(kafka: Kafka, to: string, value: string): Promise<unknown> {
    const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false, retry: { retries: 2 } });
    try {
      await producer.connect();
      await producer.send({ topic: to, messages: [{ key: 'k', value }] });
      return undefined;
    } catch (error) {
      return error;
    } finally {
      await producer.disconnect().catch(() => undefined);
    }
  }

  async function consumeOne(kafka: Kafka, from: string): Promise<string> {
    const consumer = kafka.consumer({ groupId: `welkom-sasl-${randomUUID()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topic: from, fromBeginning: true });
      return await new Promise<string>((resolve, reject) => {
        consumer.run({ eachMessage: async ({ message }) => resolve(message.value?.toString() ?? '') }).catch(reject);
      });
    } finally {
      await consumer.disconnect();
    }
  }

  it('produces and consumes as the SCRAM-SHA-512 user, its password read from a file', async () => {
    const kafka = saslClient('scram-sha-512', passwordFile('password-512', password));
    const value = `over SASL ${randomUUID()}`;

    expect(await produce(kafka, topic, value)).toBeUndefined();
    expect(await consumeOne(kafka, topic)).toBe(value);
  });

  it('authenticates with SCRAM-SHA-256 as well', async () => {
    expect(await produce(saslClient('scram-sha-256', passwordFile('password-256', password)), topic, 'sha-256')).toBeUndefined();
  });

  it('is refused with a wrong password', async () => {
    const error = await produce(saslClient('scram-sha-512', passwordFile('wrong', `${password}-wrong`)), topic, 'never');

    expect(error).toMatchObject({ name: 'KafkaJSSASLAuthenticationError' });
  });

  it('is the SASL user to the ACLs: refused on a topic it holds no right on', async () => {
    const error = await produce(saslClient('scram-sha-512', passwordFile('password-acl', password)), forbiddenTopic, 'never');

    // The retrier wraps the broker's refusal; the refusal itself is the cause.
    expect(error).toMatchObject({ cause: { type: 'TOPIC_AUTHORIZATION_FAILED' } });
  });
});
