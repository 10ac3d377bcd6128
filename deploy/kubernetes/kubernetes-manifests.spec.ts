import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { hubClientConfigSchema, loadServiceConfig, serviceConfigSchema } from '@welkom/config';
import { deadLetterTopicOf, TOPICS } from '@welkom/events';
import { consoleConfigSchema } from '../../apps/console/src/console.config';
import type { KubernetesObject } from './kubernetes-manifests';
import { GENERATED_DIR, projectManifests, toYaml } from './kubernetes.cli-program';
import { ManifestValidator } from './kubernetes-validation';

const committed = (name: string): KubernetesObject[] =>
  parseAllDocuments(readFileSync(join(GENERATED_DIR, name), 'utf8')).map((document) => document.toJSON() as KubernetesObject);

describe('Kubernetes manifests (deploy/kubernetes/generated)', () => {
  const files = projectManifests();
  const objects = files.flatMap((file) => file.objects);
  const validator = new ManifestValidator();

  it('are what the registries render now (run `npm run k8s -- render` after changing a registry)', () => {
    expect(readdirSync(GENERATED_DIR).sort()).toEqual(files.map((file) => file.name).sort());
    for (const file of files)
      expect([file.name, readFileSync(join(GENERATED_DIR, file.name), 'utf8')]).toEqual([file.name, toYaml(file.objects)]);
  });

  it('validate offline: core objects against the Kubernetes schemas, Strimzi resources against its CRDs', () => {
    expect(validator.problems(files.flatMap((file) => committed(file.name)))).toEqual([]);
  });

  it('hold a KafkaTopic for every registry topic and its dead-letter topic, replicated to 3 with min ISR 2', () => {
    const topics = objects.filter((object) => object.kind === 'KafkaTopic');
    const names = topics.map((topic) => (topic.spec as { topicName: string }).topicName);
    for (const topic of Object.values(TOPICS)) expect(names).toEqual(expect.arrayContaining([topic.name, deadLetterTopicOf(topic)]));
    for (const topic of topics) expect(topic.spec).toMatchObject({ replicas: 3, config: { 'min.insync.replicas': '2' } });
  });

  it('let a party write only where its roles may publish: the university may not write application status', () => {
    const user = objects.find((object) => object.kind === 'KafkaUser' && object.metadata.name === 'university-leiden');
    const acls = (user?.spec as { authorization: { acls: { resource: { name?: string }; operations: string[] }[] } }).authorization.acls;
    const on = (topic: string) => acls.find((acl) => acl.resource.name === topic)?.operations ?? [];
    expect(on(TOPICS.applicationStatusChanged.name)).toEqual(['Describe', 'Read']);
    expect(on(TOPICS.applicationFiled.name)).toEqual(['Describe', 'Write']);
    expect(on(TOPICS.deadlineAtRisk.name)).toEqual([]);
    expect(acls.map((acl) => acl.resource.name)).toContain('university.00000003281234560000');
  });

  it('give every Deployment both database URLs from the Secret, and only variables the services read', () => {
    const known = new Set([
      ...Object.keys(serviceConfigSchema.shape),
      ...Object.keys(hubClientConfigSchema.shape),
      // The console's upstream addresses (<SERVICE>_HTTP_URL), as its own config reads them.
      ...Object.keys(consoleConfigSchema.shape),
    ]);
    for (const deployment of objects.filter((object) => object.kind === 'Deployment')) {
      const env = containerOf(deployment).env;
      const app = deployment.metadata.name.replace(/^welkom-/, '');
      expect(env.filter((variable) => !known.has(variable.name))).toEqual([]);
      expect(env.find((variable) => variable.name === 'DATABASE_URL')?.valueFrom).toEqual({
        secretKeyRef: { name: 'welkom-database', key: `${app}-url` },
      });
      expect(env.find((variable) => variable.name === 'DATABASE_MIGRATION_URL')?.valueFrom).toEqual({
        secretKeyRef: { name: 'welkom-database', key: `${app}-migration-url` },
      });
    }
  });

  describe('rendered for SCRAM (npm run k8s -- render --kafka-authentication scram-sha-512 --out <dir>)', () => {
    const scram = projectManifests('scram-sha-512').flatMap((file) => file.objects);

    it('validate offline as the committed ones do', () => {
      expect(validator.problems(scram)).toEqual([]);
    });

    it('authenticate the parties by SCRAM password on a TLS listener, with the same ACLs', () => {
      const kafka = scram.find((object) => object.kind === 'Kafka');
      expect((kafka?.spec as { kafka: { listeners: unknown[] } }).kafka.listeners).toEqual([
        { name: 'scram', port: 9094, type: 'internal', tls: true, authentication: { type: 'scram-sha-512' } },
      ]);
      const user = (objects: KubernetesObject[]) =>
        objects.find((object) => object.kind === 'KafkaUser' && object.metadata.name === 'university-leiden')?.spec as {
          authentication: { type: string };
          authorization: unknown;
        };
      expect(user(scram).authentication).toEqual({ type: 'scram-sha-512' });
      expect(user(scram).authorization).toEqual(user(objects).authorization);
    });

    it('give each service the SASL settings it reads, its password from the Secret Strimzi generates for its user', () => {
      const university = scram.find((object) => object.kind === 'Deployment' && object.metadata.name === 'welkom-university');
      const container = containerOf(university);
      const env = Object.fromEntries(container.env.map((variable) => [variable.name, variable.value ?? variable.valueFrom]));
      expect(env).toMatchObject({
        KAFKA_BROKERS: 'welkom-kafka-kafka-bootstrap.welkom.svc:9094',
        KAFKA_SECURITY: 'sasl_ssl',
        KAFKA_SASL_MECHANISM: 'scram-sha-512',
        KAFKA_SASL_USERNAME: 'university-leiden',
        KAFKA_SASL_PASSWORD_FILE: '/etc/welkom/kafka-sasl/password',
      });
      const volumes = (university?.spec as { template: { spec: { volumes: { name: string; secret: unknown }[] } } }).template.spec.volumes;
      expect(volumes.find((volume) => volume.name === 'kafka-sasl')?.secret).toEqual({
        secretName: 'university-leiden',
        items: [{ key: 'password', path: 'password' }],
      });
      // The combination passes the services' own start-up check (the password file aside, which the pod mounts).
      const plain = Object.fromEntries(container.env.flatMap((variable) => (variable.value ? [[variable.name, variable.value]] : [])));
      const problems = (() => {
        try {
          loadServiceConfig(serviceConfigSchema, { ...plain, DATABASE_URL: 'postgres://x/y' });
          return [];
        } catch (error) {
          return (error as { problems: string[] }).problems;
        }
      })();
      expect(problems).toEqual([expect.stringMatching(/^KAFKA_SASL_PASSWORD_FILE: cannot read \/etc\/welkom\/kafka-sasl\/password/)]);
    });
  });

  it('find what is wrong in a broken manifest, naming the object', () => {
    const broken: KubernetesObject[] = [
      { apiVersion: 'kafka.strimzi.io/v1', kind: 'KafkaTopic', metadata: { name: 'bad-topic' }, spec: { partitions: 'three' } },
      { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'bad-deployment' }, spec: { template: {} } },
      { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'unknown' } },
    ];
    const problems = validator.problems(broken);
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^KafkaTopic bad-topic: \/spec\/partitions must be integer/),
        expect.stringMatching(/^Deployment bad-deployment: .*selector/),
        'Widget unknown: no schema for example.com/v1/Widget',
      ]),
    );
  });
});

interface Container {
  env: { name: string; value?: string; valueFrom?: unknown }[];
}

function containerOf(deployment: KubernetesObject | undefined): Container {
  return (deployment?.spec as { template: { spec: { containers: Container[] } } }).template.spec.containers[0];
}
