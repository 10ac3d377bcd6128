import { readFileSync } from 'node:fs';
import { Logger } from '@nestjs/common';
import { Kafka, logLevel, type KafkaConfig, type LogEntry, type Producer, type SASLOptions } from 'kafkajs';
import { recordingPartitioner } from './acknowledged-partitions';

const TLS_CONNECTION_TIMEOUT_MS = 10_000;
const BOUNDED_IDEMPOTENT_RETRIES = 'Limiting retries for the idempotent producer may invalidate EoS guarantees';

/** kafkajs logs through Nest's logger, so broker trouble shows up in the service log with its context. */
function nestLogCreator(clientId: string) {
  const logger = new Logger(`kafka:${clientId}`);
  return () =>
    ({ level, log }: LogEntry): void => {
      const { message, ...extra } = log;
      // One line: Nest's console logger (tests, tools) prints an object over several lines.
      const entry = `${message} ${Object.keys(extra).length > 0 ? JSON.stringify(extra) : ''}`.trim();
      // Deliberate: our idempotent producers give up after bounded retries, so a send that cannot finish
      // fails, the producer is replaced (ProducerSession) and the inbox absorbs any duplicate.
      if (message === BOUNDED_IDEMPOTENT_RETRIES) logger.debug(entry);
      else if (level === logLevel.ERROR) logger.error(entry);
      else if (level === logLevel.WARN) logger.warn(entry);
      else logger.debug(entry);
    };
}

/** Mutual TLS to the brokers: the party's own certificate is its Kafka identity (its principal in the ACLs). */
export interface KafkaTlsFiles {
  /** PEM of the CA that issued the brokers' certificates. */
  caFile: string;
  certificateFile: string;
  privateKeyFile: string;
}

/** The SASL mechanisms the factory speaks, as KAFKA_SASL_MECHANISM names them (kafkajs's own names). */
export const KAFKA_SASL_MECHANISMS = ['scram-sha-512', 'scram-sha-256', 'plain'] as const;
export type KafkaSaslMechanism = (typeof KAFKA_SASL_MECHANISMS)[number];

/**
 * SASL over TLS (`SASL_SSL`): the broker is authenticated by its certificate (`caFile`), the client by a user name
 * and password (its principal in the ACLs is `User:<username>`). Never over plaintext: a PLAIN password, and every
 * record, would cross the network readable.
 */
export interface KafkaSaslSettings {
  /** PEM of the CA that issued the brokers' certificates. */
  caFile: string;
  mechanism: KafkaSaslMechanism;
  username: string;
  password: string;
}

/** Where a client finds the brokers and, on a secured cluster, the identity it presents to them (one of the two). */
export interface KafkaConnection {
  brokers: string[];
  tls?: KafkaTlsFiles;
  sasl?: KafkaSaslSettings;
}

/** kafkajs's `ssl` setting (Node TLS options) for mutual TLS; undefined means plaintext. */
export function kafkaSslOptions(tls: KafkaTlsFiles | undefined): { ca: string[]; cert: string; key: string } | undefined {
  return (
    tls && {
      ca: [readFileSync(tls.caFile, 'utf8')],
      cert: readFileSync(tls.certificateFile, 'utf8'),
      key: readFileSync(tls.privateKeyFile, 'utf8'),
    }
  );
}

/** kafkajs's `ssl` and `sasl` settings for a connection: mutual TLS, SASL over TLS, or neither (plaintext). */
export function kafkaSecurityOptions(connection: KafkaConnection): Pick<KafkaConfig, 'ssl' | 'sasl'> {
  if (connection.tls && connection.sasl) {
    // Either identity would do, but the ACLs must see one principal: refuse rather than guess which.
    throw new Error('A Kafka connection authenticates with a client certificate or with SASL, not both');
  }
  if (!connection.sasl) return { ssl: kafkaSslOptions(connection.tls) };
  const { caFile, mechanism, username, password } = connection.sasl;
  return {
    ssl: { ca: [readFileSync(caFile, 'utf8')] },
    sasl: saslOptions(mechanism, username, password),
  };
}

// kafkajs types each mechanism separately; a switch keeps the literal types without a cast.
function saslOptions(mechanism: KafkaSaslMechanism, username: string, password: string): SASLOptions {
  switch (mechanism) {
    case 'scram-sha-512':
      return { mechanism, username, password };
    case 'scram-sha-256':
      return { mechanism, username, password };
    case 'plain':
      return { mechanism, username, password };
  }
}

export function createKafkaClient(options: { clientId: string } & KafkaConnection): Kafka {
  const secured = Boolean(options.tls ?? options.sasl);
  return new Kafka({
    clientId: options.clientId,
    brokers: options.brokers,
    ...kafkaSecurityOptions(options),
    // A TLS handshake with a busy broker JVM takes seconds on a loaded machine; kafkajs's 1 s default
    // dropped every attempt there (measured at load average 40 on 2 cores), so a secured client waits longer.
    ...(secured ? { connectionTimeout: TLS_CONNECTION_TIMEOUT_MS } : {}),
    logLevel: logLevel.WARN,
    logCreator: nestLogCreator(options.clientId),
    // Capped at 5 s between attempts: after a broker outage, clients are back within seconds of the broker.
    retry: { initialRetryTime: 200, maxRetryTime: 5_000, retries: 10 },
  });
}

/**
 * Idempotent producer, one request in flight so per-key order survives retries, and the Java-compatible
 * murmur2 partitioner, so a key lands on the same partition whichever language produced it.
 */
export function createReliableProducer(kafka: Kafka): Producer {
  return kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    createPartitioner: recordingPartitioner,
  });
}
