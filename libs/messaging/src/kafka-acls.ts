import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { DEAD_LETTER_READER_ROLES, deadLetterTopicOf, type TopicDefinition } from '@welkom/events';

/** The prefix of the throwaway consumer groups `readTopicToEnd` reads a topic with (topic.reader.ts). */
export const TOPIC_READER_GROUP_PREFIX = 'welkom-topic-reader-';

export type KafkaAclOperation = 'Read' | 'Write' | 'Describe' | 'Delete' | 'IdempotentWrite';

/** One allow rule of a principal: the operations on a resource, as Strimzi's KafkaUser writes them. */
export interface KafkaAclRule {
  readonly resource:
    { readonly type: 'topic' | 'group'; readonly name: string; readonly patternType: 'literal' | 'prefix' } | { readonly type: 'cluster' };
  readonly operations: readonly KafkaAclOperation[];
}

/** What the rules of one party are made from: the party (its roles), the topic registry and the service list. */
export interface KafkaAclInput {
  readonly party: { readonly oin: string; readonly roles: readonly string[] };
  readonly topics: readonly Pick<TopicDefinition<unknown>, 'name' | 'publisherRoles' | 'consumerRoles' | 'readerRoles'>[];
  /** The services and the party role each acts for; a consumer group is `<service>.<party OIN>`. */
  readonly services: readonly { readonly name: string; readonly role: string }[];
}

const roleName = (role: PartyRole): string => String(PartyRole[role]).replace(/^PARTY_ROLE_/, '');

/**
 * The one source of a party's Kafka rights, for the Strimzi KafkaUsers (deploy/kubernetes) and for the development
 * broker alike: WRITE where its roles may publish (and on the dead letters of what it consumes, which a consumer
 * writes), READ where its roles consume or read (`readerRoles`; the dead letters for `DEAD_LETTER_READER_ROLES`), READ on the consumer groups of its services (`<service>.<OIN>`) and on the
 * throwaway groups of topic readers (and deleting them), and the cluster rights an idempotent producer needs. Nothing else: no CREATE,
 * no ALTER, so topics and their retention stay with the cluster's administrator.
 */
export function partyKafkaAcls(input: KafkaAclInput): KafkaAclRule[] {
  const { party } = input;
  const holds = (roles: readonly PartyRole[] | undefined): boolean => (roles ?? []).some((role) => party.roles.includes(roleName(role)));
  // One rule per topic, with every operation the party needs on it.
  const operations = new Map<string, Set<KafkaAclOperation>>();
  const allow = (topic: string, ...granted: KafkaAclOperation[]): void => {
    const set = operations.get(topic) ?? new Set<KafkaAclOperation>(['Describe']);
    granted.forEach((operation) => set.add(operation));
    operations.set(topic, set);
  };
  for (const topic of input.topics) {
    if (holds(topic.publisherRoles)) allow(topic.name, 'Write');
    if (holds(topic.consumerRoles)) {
      allow(topic.name, 'Read');
      allow(deadLetterTopicOf(topic), 'Write');
    }
    if (holds(topic.readerRoles)) allow(topic.name, 'Read');
    if (holds(DEAD_LETTER_READER_ROLES)) {
      // Describe alone (record counts per topic for the flow between agencies), Read on the parked records only.
      allow(topic.name);
      allow(deadLetterTopicOf(topic), 'Read');
    }
  }
  const topics: KafkaAclRule[] = [...operations].map(([name, granted]) => ({
    resource: { type: 'topic', name, patternType: 'literal' },
    operations: [...granted].sort(),
  }));
  const groups: KafkaAclRule[] = input.services
    .filter((service) => party.roles.includes(service.role))
    .map((service) => ({
      resource: { type: 'group', name: `${service.name}.${party.oin}`, patternType: 'literal' },
      operations: ['Read'],
    }));
  return [
    ...topics,
    ...groups,
    // Delete too: a reader removes its throwaway group when done (random names, so no party aims at another's).
    { resource: { type: 'group', name: TOPIC_READER_GROUP_PREFIX, patternType: 'prefix' }, operations: ['Delete', 'Read'] },
    { resource: { type: 'cluster' }, operations: ['IdempotentWrite', 'Describe'] },
  ];
}
