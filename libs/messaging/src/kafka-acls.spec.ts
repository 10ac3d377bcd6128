import { allTopicDefinitions, deadLetterTopicOf, TOPICS } from '@welkom/events';
import { type KafkaAclRule, partyKafkaAcls } from './kafka-acls';

const services = [
  { name: 'hub', role: 'HUB_OPERATOR' },
  { name: 'ind', role: 'IND' },
  { name: 'university', role: 'UNIVERSITY' },
];
const topics = allTopicDefinitions();
const onTopic = (rules: KafkaAclRule[], name: string): readonly string[] =>
  rules.find((rule) => rule.resource.type === 'topic' && rule.resource.name === name)?.operations ?? [];

describe('a party’s Kafka ACLs from the topic registry', () => {
  const university = partyKafkaAcls({
    party: { oin: '00000003281234560000', roles: ['UNIVERSITY', 'RECOGNISED_SPONSOR'] },
    topics,
    services,
  });
  const ind = partyKafkaAcls({ party: { oin: '00000001812345670000', roles: ['IND'] }, topics, services });

  it('gives WRITE only to the roles that publish: the IND on application status, not the university', () => {
    expect(onTopic(ind, TOPICS.applicationStatusChanged.name)).toContain('Write');
    expect(onTopic(university, TOPICS.applicationStatusChanged.name)).not.toContain('Write');
  });

  it('gives a consumer READ on the topic and WRITE on its dead letters, and READ on the groups of its own services only', () => {
    const consumed = topics.find((topic) => topic.consumerRoles?.some((role) => String(role).endsWith('UNIVERSITY')));
    expect(consumed).toBeDefined();
    expect(onTopic(university, consumed!.name)).toContain('Read');
    expect(onTopic(university, deadLetterTopicOf(consumed!))).toEqual(['Describe', 'Write']);
    const groups = university.filter((rule) => rule.resource.type === 'group' && rule.resource.patternType === 'literal');
    expect(groups).toEqual([
      { resource: { type: 'group', name: 'university.00000003281234560000', patternType: 'literal' }, operations: ['Read'] },
    ]);
  });

  it('lets the operations console read every dead-letter topic and the audit checkpoints, and write no agency topic', () => {
    const operationsConsole = partyKafkaAcls({
      party: { oin: '00000001878901230000', roles: ['OPERATIONS_CONSOLE'] },
      topics,
      services: [...services, { name: 'console', role: 'OPERATIONS_CONSOLE' }],
    });
    for (const topic of topics)
      expect([topic.name, onTopic(operationsConsole, deadLetterTopicOf(topic))]).toEqual([
        topic.name,
        expect.arrayContaining(['Describe', 'Read']),
      ]);
    expect(onTopic(operationsConsole, TOPICS.auditCheckpoint.name)).toEqual(['Describe', 'Read']);
    // Record counts only: DESCRIBE on the agency topics, never their records.
    expect(onTopic(operationsConsole, TOPICS.applicationStatusChanged.name)).toEqual(['Describe']);
    const writes = operationsConsole.filter((rule) => rule.resource.type === 'topic' && rule.operations.includes('Write'));
    // As every service: it publishes its own signing certificate and start announcement, nothing else.
    expect(
      writes
        .map((rule) => (rule.resource.type === 'topic' ? rule.resource.name : ''))
        .filter((name) => !name.startsWith('welkom.platform.')),
    ).toEqual([]);
  });

  it('never lets a party create, alter or reconfigure anything', () => {
    const operations = new Set([...university, ...ind].flatMap((rule) => rule.operations));
    expect([...operations].sort()).toEqual(['Delete', 'Describe', 'IdempotentWrite', 'Read', 'Write']);
    const deletable = [...university, ...ind].filter((rule) => rule.operations.includes('Delete'));
    expect(deletable.every((rule) => rule.resource.type === 'group' && rule.resource.name === 'welkom-topic-reader-')).toBe(true);
  });
});
