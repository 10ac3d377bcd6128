import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { deadLetterTopicOf, TOPICS } from '@welkom/events';
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
