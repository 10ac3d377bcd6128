import { ConnectorStarted } from '@welkom/contracts/generated/welkom/platform/v1/connector_status';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { deadLetterTopicOf, defineTopic, type TopicDefinition } from './topic-definition';

const ALL_CONNECTOR_ROLES = [
  PartyRole.PARTY_ROLE_HUB_OPERATOR,
  PartyRole.PARTY_ROLE_IND,
  PartyRole.PARTY_ROLE_RVO,
  PartyRole.PARTY_ROLE_UWV,
  PartyRole.PARTY_ROLE_CONSULAR_POST,
  PartyRole.PARTY_ROLE_UNIVERSITY,
  PartyRole.PARTY_ROLE_RESEARCH_ORGANISATION,
  PartyRole.PARTY_ROLE_EU_REPORTING,
] as const;

/**
 * The one list of topics the hub uses. The project creates them (brokers run with
 * auto.create.topics.enable=false), each with its dead-letter companion; a topic not declared here
 * does not exist.
 */
export const TOPICS = {
  connectorStarted: defineTopic({
    name: 'welkom.platform.connector-started.v1',
    eventType: 'welkom.platform.connector-started',
    schemaVersion: 1,
    codec: ConnectorStarted,
    key: (event: ConnectorStarted) => `${event.party?.oin ?? ''}/${event.service}`,
    partitions: 3,
    publisherRoles: ALL_CONNECTOR_ROLES,
  }),
} as const;

export type TopicKey = keyof typeof TOPICS;

export function allTopicDefinitions(): TopicDefinition<unknown>[] {
  return Object.values(TOPICS) as TopicDefinition<unknown>[];
}

/** Every topic name the project must create: each declared topic and its dead-letter topic. */
export function declaredTopicNames(): string[] {
  return allTopicDefinitions().flatMap((topic) => [topic.name, deadLetterTopicOf(topic)]);
}
