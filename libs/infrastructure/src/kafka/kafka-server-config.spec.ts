import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { REPO_ROOT } from '../repo-root';
import { kafkaVersionFromPom } from './kafka-jars';
import { kafkaBrokerLayout, renderLog4jProperties, renderServerProperties, scramFormatArguments } from './kafka-server-config';

/** Reads properties the way java.util.Properties would for the simple `key=value` lines we write. */
function parseProperties(text: string): Map<string, string> {
  const entries = text
    .split('\n')
    .filter((line) => line.length > 0 && !line.startsWith('#'))
    .map((line): [string, string] => {
      const separator = line.indexOf('=');
      return [line.slice(0, separator), line.slice(separator + 1).replace(/\\\\/g, '\\')];
    });
  return new Map(entries);
}

describe('local Kafka server.properties', () => {
  const layout = kafkaBrokerLayout('/var/tmp/welkom-kafka');
  const properties = parseProperties(renderServerProperties(layout, { broker: 39092, controller: 39093 }));

  it('runs one KRaft node as both broker and controller with a static single voter', () => {
    expect(properties.get('process.roles')).toBe('broker,controller');
    expect(properties.get('node.id')).toBe('1');
    expect(properties.get('controller.quorum.voters')).toBe('1@127.0.0.1:39093');
    expect(properties.get('controller.listener.names')).toBe('CONTROLLER');
  });

  it('listens and advertises on loopback only', () => {
    expect(properties.get('listeners')).toBe('PLAINTEXT://127.0.0.1:39092,CONTROLLER://127.0.0.1:39093');
    expect(properties.get('advertised.listeners')).toBe('PLAINTEXT://127.0.0.1:39092');
  });

  it('secured: mutual TLS on every listener, the CN as principal, StandardAuthorizer that allows nothing unlisted', () => {
    const secured = parseProperties(
      renderServerProperties(layout, { broker: 39092, controller: 39093 }, undefined, {
        caFile: '/certs/ca.crt',
        superUsers: ['User:kafka-broker', 'User:welkom-kafka-admin'],
      }),
    );

    expect(secured.get('listeners')).toBe('SSL://127.0.0.1:39092,CONTROLLER://127.0.0.1:39093');
    expect(secured.get('listener.security.protocol.map')).toBe('SSL:SSL,CONTROLLER:SSL');
    expect(secured.get('inter.broker.listener.name')).toBe('SSL');
    expect(secured.get('ssl.client.auth')).toBe('required');
    expect(secured.get('ssl.keystore.location')).toBe(layout.keystoreFile);
    expect(secured.get('ssl.truststore.location')).toBe('/certs/ca.crt');
    expect(secured.get('authorizer.class.name')).toBe('org.apache.kafka.metadata.authorizer.StandardAuthorizer');
    expect(secured.get('allow.everyone.if.no.acl.found')).toBe('false');
    expect(secured.get('super.users')).toBe('User:kafka-broker;User:welkom-kafka-admin');
    // What Java makes of the university's subject (RFC 2253, CN first, serialNumber as an OID) becomes its key.
    const [, pattern, replacement] = /^RULE:(.*)\/(.*)\/,DEFAULT$/.exec(secured.get('ssl.principal.mapping.rules') ?? '') ?? [];
    const subject = 'CN=university-leiden,2.5.4.5=#131430303030303030333238313233343536303030,O=Universiteit Leiden,C=NL';
    expect(subject.replace(new RegExp(pattern), replacement)).toBe('university-leiden');
    expect(properties.get('ssl.client.auth')).toBeUndefined();
  });

  it('never creates topics implicitly and keeps internal topics writable on a single node', () => {
    expect(properties.get('auto.create.topics.enable')).toBe('false');
    expect(properties.get('offsets.topic.replication.factor')).toBe('1');
    expect(properties.get('transaction.state.log.replication.factor')).toBe('1');
    expect(properties.get('transaction.state.log.min.isr')).toBe('1');
    expect(properties.get('min.insync.replicas')).toBe('1');
    expect(properties.get('group.initial.rebalance.delay.ms')).toBe('0');
  });

  it('keeps partitions and metadata inside the data dir', () => {
    expect(properties.get('log.dirs')).toBe('/var/tmp/welkom-kafka/kraft-logs');
  });

  it('escapes backslashes so Windows-style paths survive java.util.Properties', () => {
    const windows = kafkaBrokerLayout('C:\\kafka');
    const text = renderServerProperties(windows, { broker: 1, controller: 2 });
    expect(text).toContain(`log.dirs=${windows.logDirs.replace(/\\/g, '\\\\')}`);
  });

  it('sends broker logs to a file in the data dir rather than stdout', () => {
    const log4j = parseProperties(renderLog4jProperties(layout));
    expect(log4j.get('log4j.rootLogger')).toBe('INFO, server');
    expect(log4j.get('log4j.appender.server')).toBe('org.apache.log4j.RollingFileAppender');
    expect(log4j.get('log4j.appender.server.File')).toBe('/var/tmp/welkom-kafka/logs/server.log');
  });
});

describe('a secured broker with a SASL_SSL listener', () => {
  const layout = kafkaBrokerLayout('/var/tmp/welkom-kafka');
  const sasl = { mechanisms: ['SCRAM-SHA-512', 'SCRAM-SHA-256'] as const, users: [{ name: 'hub-sasl', password: 'pw-1' }] };
  const security = { caFile: '/certs/ca.crt', superUsers: ['User:kafka-broker'], sasl };
  const properties = parseProperties(
    renderServerProperties(layout, { broker: 39092, controller: 39093, sasl: 39094 }, undefined, security),
  );

  it('adds the SASL_SSL client listener beside the mutual-TLS one; the nodes keep talking mutual TLS', () => {
    expect(properties.get('listeners')).toBe('SSL://127.0.0.1:39092,SASL_SSL://127.0.0.1:39094,CONTROLLER://127.0.0.1:39093');
    expect(properties.get('advertised.listeners')).toBe('SSL://127.0.0.1:39092,SASL_SSL://127.0.0.1:39094');
    expect(properties.get('listener.security.protocol.map')).toBe('SSL:SSL,SASL_SSL:SASL_SSL,CONTROLLER:SSL');
    expect(properties.get('inter.broker.listener.name')).toBe('SSL');
  });

  it('enables SCRAM on that listener only, without asking for a client certificate there', () => {
    expect(properties.get('sasl.enabled.mechanisms')).toBe('SCRAM-SHA-512,SCRAM-SHA-256');
    expect(properties.get('listener.name.sasl_ssl.ssl.client.auth')).toBe('none');
    expect(properties.get('listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config')).toBe(
      'org.apache.kafka.common.security.scram.ScramLoginModule required;',
    );
    expect(properties.get('ssl.client.auth')).toBe('required');
  });

  it('creates each user under each mechanism when the storage is formatted, and refuses what the tool would misread', () => {
    expect(scramFormatArguments(sasl)).toEqual([
      '--add-scram',
      'SCRAM-SHA-512=[name=hub-sasl,password=pw-1]',
      '--add-scram',
      'SCRAM-SHA-256=[name=hub-sasl,password=pw-1]',
    ]);
    expect(scramFormatArguments(undefined)).toEqual([]);
    expect(() => scramFormatArguments({ ...sasl, users: [{ name: 'x', password: 'a,b]' }] })).toThrow(/letters, digits/);
  });

  it('needs a port for it', () => {
    expect(() => renderServerProperties(layout, { broker: 39092, controller: 39093 }, undefined, security)).toThrow(/port/);
  });
});

describe('Kafka version', () => {
  it('comes from the committed pom and is a 3.9 release', () => {
    const pom = readFileSync(join(REPO_ROOT, 'deploy', 'kafka', 'pom.xml'), 'utf8');
    expect(kafkaVersionFromPom(pom)).toMatch(/^3\.9\.\d+$/);
  });

  it('is required in the pom', () => {
    expect(() => kafkaVersionFromPom('<project></project>')).toThrow(/kafka\.version/);
  });

  describe('a node of a 3-broker cluster', () => {
    const node = parseProperties(
      renderServerProperties(
        kafkaBrokerLayout('/var/tmp/welkom-kafka/node-2'),
        { broker: 39192, controller: 39193 },
        { nodeId: 2, controllerPorts: [39093, 39193, 39293] },
      ),
    );

    it('names itself and every voter of the static quorum', () => {
      expect(node.get('node.id')).toBe('2');
      expect(node.get('controller.quorum.voters')).toBe('1@127.0.0.1:39093,2@127.0.0.1:39193,3@127.0.0.1:39293');
      expect(node.get('listeners')).toBe('PLAINTEXT://127.0.0.1:39192,CONTROLLER://127.0.0.1:39193');
    });

    it('replicates every topic to 3 brokers and acknowledges a write on 2, internal topics included', () => {
      expect(node.get('default.replication.factor')).toBe('3');
      expect(node.get('min.insync.replicas')).toBe('2');
      expect(node.get('offsets.topic.replication.factor')).toBe('3');
      expect(node.get('transaction.state.log.replication.factor')).toBe('3');
      expect(node.get('transaction.state.log.min.isr')).toBe('2');
    });
  });
});
