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
}

/**
 * The CN of the subject (first in Java's RFC 2253 form, `CN=…,2.5.4.5=#…,O=…,C=NL`) is the principal. A subject
 * without one keeps its whole DN, which no ACL names.
 */
export const PRINCIPAL_MAPPING_RULES = 'RULE:^CN=([a-z0-9][a-z0-9.-]*),.*$/$1/,DEFAULT';

export interface KafkaBrokerPorts {
  broker: number;
  controller: number;
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
  const settings: Record<string, string | number | boolean> = {
    'process.roles': 'broker,controller',
    'node.id': membership.nodeId,
    'controller.quorum.voters': membership.controllerPorts.map((port, index) => `${index + 1}@${host}:${port}`).join(','),
    listeners: `${clientListener}://${host}:${ports.broker},CONTROLLER://${host}:${ports.controller}`,
    'advertised.listeners': `${clientListener}://${host}:${ports.broker}`,
    'listener.security.protocol.map': `${clientListener}:${clientListener},CONTROLLER:${clientListener}`,
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
  };
}

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
