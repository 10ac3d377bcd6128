import { join } from 'node:path';

/** Where one local broker keeps everything; all of it lives under the data dir so it can be wiped in one go. */
export interface KafkaBrokerLayout {
  dataDir: string;
  serverProperties: string;
  log4jProperties: string;
  /** Broker logs (server.log) go here through log4j; the JVM's own stdout/stderr go to `console.log`. */
  logsDir: string;
  consoleLog: string;
  /** Topic partitions and the KRaft metadata log. */
  logDirs: string;
  pidFile: string;
  /** Ports of the last start, reused when still free so a dev's KAFKA_BROKERS stays valid across runs. */
  portsFile: string;
  /** The broker's private key and certificate in one PEM file, as Kafka's PEM keystore reads them. */
  keystoreFile: string;
}

/**
 * A broker that speaks only mutual TLS: every listener (clients, inter-broker, KRaft controller) requires a
 * certificate of the development CA, the certificate's CN becomes the principal (`User:<CN>`: a party key, see
 * deploy/parties) and StandardAuthorizer allows only what an ACL grants, except to the super users.
 */
export interface KafkaBrokerSecurity {
  /** PEM of the CA whose certificates the broker accepts from clients and from the other nodes. */
  readonly caFile: string;
  /** Principals allowed everything, e.g. `User:kafka-broker` (the nodes themselves) and the project's tooling. */
  readonly superUsers: readonly string[];
  /** A second client listener, SASL_SSL with SCRAM, as a cluster that authenticates with passwords has. */
  readonly sasl?: KafkaBrokerSasl;
}

/** The SCRAM mechanisms a broker keeps credentials for (KRaft stores them in its metadata log). */
export type KafkaScramMechanism = 'SCRAM-SHA-256' | 'SCRAM-SHA-512';

/**
 * A SASL_SSL listener beside the mutual-TLS one: the broker's certificate over TLS (no client certificate asked),
 * then SCRAM. Its users are written into the metadata when the storage is formatted (`kafka-storage format
 * --add-scram`), so they exist before the broker first answers; the principal is `User:<name>`.
 */
export interface KafkaBrokerSasl {
  readonly mechanisms: readonly KafkaScramMechanism[];
  readonly users: readonly { readonly name: string; readonly password: string }[];
}

const SASL_LISTENER = 'SASL_SSL';

/**
 * The CN of the subject (first in Java's RFC 2253 form, `CN=…,2.5.4.5=#…,O=…,C=NL`) is the principal. A subject
 * without one keeps its whole DN, which no ACL names.
 */
export const PRINCIPAL_MAPPING_RULES = 'RULE:^CN=([a-z0-9][a-z0-9.-]*),.*$/$1/,DEFAULT';

export interface KafkaBrokerPorts {
  broker: number;
  controller: number;
  /** The SASL_SSL client listener, on a broker that has one. */
  sasl?: number;
}

/**
 * Where a node sits in a cluster: its id and the controller ports of every node (the static voter set, node ids
 * 1..n in order). A single node is the cluster of one.
 */
export interface KafkaClusterMembership {
  nodeId: number;
  controllerPorts: readonly number[];
}

/**
 * What the project expects of a cluster for its own topics (and Kafka's internal ones): with 3 or more brokers,
 * every partition on 3 of them and a write acknowledged by 2 (acks=all), so one broker may die without losing or
 * refusing anything; below 3, every broker holds everything.
 */
export function replicationFor(clusterSize: number): { replicationFactor: number; minInSyncReplicas: number } {
  return clusterSize >= 3 ? { replicationFactor: 3, minInSyncReplicas: 2 } : { replicationFactor: clusterSize, minInSyncReplicas: 1 };
}

export function kafkaBrokerLayout(dataDir: string): KafkaBrokerLayout {
  const logsDir = join(dataDir, 'logs');
  return {
    dataDir,
    serverProperties: join(dataDir, 'server.properties'),
    log4jProperties: join(dataDir, 'log4j.properties'),
    logsDir,
    consoleLog: join(logsDir, 'console.log'),
    logDirs: join(dataDir, 'kraft-logs'),
    pidFile: join(dataDir, 'broker.pid'),
    portsFile: join(dataDir, 'ports.json'),
    keystoreFile: join(dataDir, 'broker-keystore.pem'),
  };
}

const host = '127.0.0.1';

/**
 * Nodes that are each both broker and KRaft controller, with a static voter set: by default one (the smallest real
 * Kafka, and behaviourally the production one for everything the hub relies on: transactions, groups, compaction),
 * or a cluster of several on one machine, to test what replication promises.
 */
export function renderServerProperties(
  layout: KafkaBrokerLayout,
  ports: KafkaBrokerPorts,
  membership: KafkaClusterMembership = { nodeId: 1, controllerPorts: [ports.controller] },
  security?: KafkaBrokerSecurity,
): string {
  const size = membership.controllerPorts.length;
  const clientListener = security ? 'SSL' : 'PLAINTEXT';
  const { replicationFactor, minInSyncReplicas } = replicationFor(size);
  const saslPort = security?.sasl ? ports.sasl : undefined;
  if (security?.sasl && saslPort === undefined) throw new Error('A broker with a SASL listener needs a port for it');
  const clientListeners = [`${clientListener}://${host}:${ports.broker}`, ...(saslPort ? [`${SASL_LISTENER}://${host}:${saslPort}`] : [])];
  const clientProtocols = [`${clientListener}:${clientListener}`, ...(saslPort ? [`${SASL_LISTENER}:${SASL_LISTENER}`] : [])];
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': membership.nodeId,
    'controller.quorum.voters': membership.controllerPorts.map((port, index) => `${index + 1}@${host}:${port}`).join(','),
    listeners: [...clientListeners, `CONTROLLER://${host}:${ports.controller}`].join(','),
    'advertised.listeners': clientListeners.join(','),
    'listener.security.protocol.map': [...clientProtocols, `CONTROLLER:${clientListener}`].join(','),
    'controller.listener.names': 'CONTROLLER',
    'inter.broker.listener.name': clientListener,
    'log.dirs': layout.logDirs,
    // Topics are declared by the event registry; a typo in a topic name must fail, not create a new topic.
    'auto.create.topics.enable': false,
    'num.partitions': 1,
    // Topics created with replication factor -1 (as the project creates them) take these.
    'default.replication.factor': replicationFactor,
    'min.insync.replicas': minInSyncReplicas,
    'offsets.topic.replication.factor': replicationFactor,
    'transaction.state.log.replication.factor': replicationFactor,
    'transaction.state.log.min.isr': minInSyncReplicas,
    // Fewer internal partitions make the first group join and the first transaction noticeably faster.
    'offsets.topic.num.partitions': 10,
    'transaction.state.log.num.partitions': 10,
    // Tests start consumers and expect them to own partitions at once, not after the default 3 s grace.
    'group.initial.rebalance.delay.ms': 0,
    'log.segment.bytes': 16 * 1024 * 1024,
    'log.retention.check.interval.ms': 60_000,
    // The default 128 MiB would take a quarter of the small heap the local broker gets.
    'log.cleaner.dedupe.buffer.size': 16 * 1024 * 1024,
    'num.network.threads': 3,
    'num.io.threads': 4,
    ...(security ? securitySettings(layout, security) : {}),
  };
  return toProperties('Written by libs/infrastructure/src/kafka/kafka-broker.ts on every start; edits are overwritten.', settings);
}

/**
 * The controller listener and inter-broker traffic use the same mutual TLS as clients, with the broker's own
 * certificate as both server and client identity: a plaintext internal listener on 127.0.0.1 would need
 * ANONYMOUS as a super user, which any local process could then be.
 */
function securitySettings(layout: KafkaBrokerLayout, security: KafkaBrokerSecurity): Record<string, string> {
  return {
    'ssl.keystore.type': 'PEM',
    'ssl.keystore.location': layout.keystoreFile,
    'ssl.truststore.type': 'PEM',
    'ssl.truststore.location': security.caFile,
    'ssl.client.auth': 'required',
    // The nodes reach each other at 127.0.0.1, which the broker certificate names (IP SAN).
    'ssl.endpoint.identification.algorithm': 'https',
    'ssl.principal.mapping.rules': PRINCIPAL_MAPPING_RULES,
    'authorizer.class.name': 'org.apache.kafka.metadata.authorizer.StandardAuthorizer',
    'allow.everyone.if.no.acl.found': 'false',
    'super.users': security.superUsers.join(';'),
    ...(security.sasl ? saslSettings(security.sasl) : {}),
  };
}

/** The SASL_SSL listener's own settings; inter-broker and controller traffic stay on mutual TLS. */
function saslSettings(sasl: KafkaBrokerSasl): Record<string, string> {
  const listener = `listener.name.${SASL_LISTENER.toLowerCase()}`;
  const settings: Record<string, string> = {
    'sasl.enabled.mechanisms': sasl.mechanisms.join(','),
    // The password is the client's identity here; a certificate is neither asked for nor mapped.
    [`${listener}.ssl.client.auth`]: 'none',
  };
  for (const mechanism of sasl.mechanisms) {
    settings[`${listener}.${mechanism.toLowerCase()}.sasl.jaas.config`] =
      'org.apache.kafka.common.security.scram.ScramLoginModule required;';
  }
  return settings;
}

/** `kafka-storage format` arguments that create the SASL users, one per user and mechanism. */
export function scramFormatArguments(sasl: KafkaBrokerSasl | undefined): string[] {
  if (!sasl) return [];
  return sasl.users.flatMap((user) => {
    // The tool splits its argument on ',' and ']' and does not escape them; refuse what it would misread.
    if (!SCRAM_TOKEN.test(user.name) || !SCRAM_TOKEN.test(user.password)) {
      throw new Error(`SCRAM user ${JSON.stringify(user.name)}: name and password may use only letters, digits and ._-`);
    }
    return sasl.mechanisms.flatMap((mechanism) => ['--add-scram', `${mechanism}=[name=${user.name},password=${user.password}]`]);
  });
}

const SCRAM_TOKEN = /^[A-Za-z0-9._-]+$/;

/** Broker logs to a rolling file in the data dir, so test output and the dev console stay quiet. */
export function renderLog4jProperties(layout: KafkaBrokerLayout): string {
  const file = 'org.apache.log4j.RollingFileAppender';
  return toProperties('Written by libs/infrastructure/src/kafka/kafka-broker.ts on every start; edits are overwritten.', {
    'log4j.rootLogger': 'INFO, server',
    'log4j.appender.server': file,
    'log4j.appender.server.File': join(layout.logsDir, 'server.log'),
    'log4j.appender.server.MaxFileSize': '10MB',
    'log4j.appender.server.MaxBackupIndex': 2,
    'log4j.appender.server.layout': 'org.apache.log4j.PatternLayout',
    'log4j.appender.server.layout.ConversionPattern': '[%d] %p %m (%c)%n',
    // Per-request and per-partition state chatter drowns the lines that explain a failure.
    'log4j.logger.kafka.request.logger': 'WARN',
    'log4j.logger.state.change.logger': 'WARN',
    'log4j.logger.org.apache.kafka.storage.internals.log.LogLoader': 'WARN',
  });
}

function toProperties(comment: string, settings: Record<string, string | number | boolean>): string {
  const lines = Object.entries(settings).map(([key, value]) => `${key}=${escapeValue(String(value))}`);
  return [`# ${comment}`, ...lines, ''].join('\n');
}

/** java.util.Properties treats a backslash as an escape, which would mangle Windows-style paths. */
function escapeValue(value: string): string {
  return value.replace(/\\/g, '\\\\');
}
