import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Kafka, type KafkaConfig, logLevel } from 'kafkajs';
import { TOPICS } from '@welkom/events';
import { ensureUntrustedCertificates } from '@welkom/infrastructure';
import { testInfrastructure } from '@welkom/testing';
import { createKafkaClient, kafkaSslOptions } from '../src/kafka-client.factory';

jest.setTimeout(60_000);

/**
 * The project's own broker (started by the jest global setup, as `npm start` starts it) speaks only mutual TLS and
 * authorises with the ACLs generated from the topic registry: each party reaches what its roles allow, nothing more.
 */
describe('the secured development broker', () => {
  const infrastructure = testInfrastructure();
  const { caCertificatePath, parties } = infrastructure.certificates;
  const asParty = (party: string): Kafka =>
    createKafkaClient({
      clientId: `broker-acls-${party}`,
      brokers: infrastructure.kafkaBrokers,
      tls: { caFile: caCertificatePath, certificateFile: parties[party].certificatePath, privateKeyFile: parties[party].privateKeyPath },
    });
  // No retries: a refusal is the answer, not a hiccup to wait out.
  const bareClient = (ssl: KafkaConfig['ssl']): Kafka =>
    new Kafka({
      clientId: 'broker-acls-anonymous',
      brokers: infrastructure.kafkaBrokers,
      ssl,
      logLevel: logLevel.NOTHING,
      connectionTimeout: 10_000,
      retry: { retries: 0 },
    });

  async function send(kafka: Kafka, topic: string): Promise<unknown> {
    const producer = kafka.producer({ allowAutoTopicCreation: false, retry: { retries: 0 } });
    await producer.connect();
    try {
      await producer.send({ topic, messages: [{ key: randomUUID(), value: 'acl probe' }] });
      return undefined;
    } catch (error) {
      return error;
    } finally {
      await producer.disconnect();
    }
  }

  async function describeCluster(kafka: Kafka): Promise<unknown> {
    const admin = kafka.admin();
    try {
      await admin.connect();
      await admin.describeCluster();
      return undefined;
    } catch (error) {
      return error;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  }

  it('refuses the university writing application status, which only the IND publishes', async () => {
    const error = await send(asParty('university-leiden'), TOPICS.applicationStatusChanged.name);

    expect(error).toMatchObject({ type: 'TOPIC_AUTHORIZATION_FAILED' });
  });

  it('lets the IND write application status with its own certificate', async () => {
    expect(await send(asParty('ind'), TOPICS.applicationStatusChanged.name)).toBeUndefined();
  });

  it('answers a client presenting a party certificate (the refusals below are about the certificate)', async () => {
    const ind = parties.ind;
    const kafka = bareClient(
      kafkaSslOptions({ caFile: caCertificatePath, certificateFile: ind.certificatePath, privateKeyFile: ind.privateKeyPath }),
    );

    expect(await describeCluster(kafka)).toBeUndefined();
  });

  it('refuses a TLS client that presents no certificate in the handshake', async () => {
    const error = await describeCluster(bareClient({ ca: [readFileSync(caCertificatePath, 'utf8')] }));

    // Java's TLS server ends the handshake with `bad_certificate` (42) when a required client certificate is missing.
    expect((error as Error).message).toMatch(/alert bad certificate|certificate required/);
  });

  it('refuses a plaintext client', async () => {
    // The broker reads the plaintext request as a TLS record and drops the connection.
    expect(((await describeCluster(bareClient(undefined))) as Error).message).toMatch(/Closed connection/);
  });

  it("refuses a certificate of another CA, even one naming a party's key and OIN", async () => {
    const directory = join(caCertificatePath, '..', `untrusted-kafka-${randomUUID()}`);
    const impostor = (await ensureUntrustedCertificates(directory, [{ key: 'ind', oin: '00000001812345670000', name: 'IND (impostor)' }]))
      .parties.ind;
    const kafka = bareClient(
      kafkaSslOptions({ caFile: caCertificatePath, certificateFile: impostor.certificatePath, privateKeyFile: impostor.privateKeyPath }),
    );

    expect(((await describeCluster(kafka)) as Error).message).toMatch(/alert certificate unknown/);
  });
});
