import type { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import type { ProtobufCodec } from './protobuf-codec';

/** `welkom.<context>.<event>.v<major>`: the major version is part of the name, so a breaking change is a new topic. */
export const TOPIC_NAME_PATTERN = /^welkom\.[a-z][a-z0-9-]*\.[a-z][a-z0-9-]*\.v[1-9][0-9]*$/;

export const DEAD_LETTER_SUFFIX = '.dlt';

/**
 * Dead letters are evidence of what was refused and the only copy of a record until it is replayed, so they
 * never expire by time or size (the broker default would delete them after 7 days). Removing one is a
 * deliberate operator act, not a side effect of retention.
 */
export const DEAD_LETTER_TOPIC_CONFIG: Readonly<Record<string, string>> = {
  'cleanup.policy': 'delete',
  'retention.ms': '-1',
  'retention.bytes': '-1',
};

/** Everything the hub knows about one topic: its payload type, how it is keyed and who may publish it. */
export interface TopicDefinition<TPayload> {
  readonly name: string;
  /** The event type in the envelope, e.g. `welkom.platform.connector-started`. */
  readonly eventType: string;
  readonly schemaVersion: number;
  readonly codec: ProtobufCodec<TPayload>;
  /** Kafka key: a pseudonymous case or subject id, so all events of one case keep their order. */
  readonly key: (payload: TPayload) => string;
  readonly partitions: number;
  /** Roles whose parties may sign events of this type; consumers reject others. */
  readonly publisherRoles: readonly PartyRole[];
  /**
   * Roles whose services subscribe to this topic: the broker's READ ACLs (deploy/kubernetes) come from here, so a
   * service that starts consuming a topic must be added here (test/topic-consumers.spec.ts checks the handlers).
   * Absent: no service consumes it; only operators read it.
   */
  readonly consumerRoles?: readonly PartyRole[];
  /**
   * Roles that read this topic without consuming it (the operations console looks, applies nothing): READ on the
   * topic only, no consumer group of its own and no WRITE on the dead letters.
   */
  readonly readerRoles?: readonly PartyRole[];
  /** Extra topic configs, e.g. cleanup.policy=compact for feeds keyed by series. */
  readonly config?: Readonly<Record<string, string>>;
  /**
   * For topics whose payload could name a person: the fields of this payload that hold a clear identifier
   * (BSN, V-number, passport number). The producer refuses to publish a payload with any (issue 11, leak 5),
   * so the topic, and the dead-letter copy of whatever a consumer refuses, never holds one.
   */
  readonly clearIdentifiers?: (payload: TPayload) => readonly string[];
}

export function defineTopic<TPayload>(definition: TopicDefinition<TPayload>): TopicDefinition<TPayload> {
  if (!TOPIC_NAME_PATTERN.test(definition.name)) {
    throw new Error(`Topic name ${definition.name} does not follow welkom.<context>.<event>.v<major>`);
  }
  const major = Number(definition.name.slice(definition.name.lastIndexOf('.v') + 2));
  if (major !== definition.schemaVersion) {
    throw new Error(`Topic ${definition.name} carries schema version ${definition.schemaVersion}, not ${major}`);
  }
  return definition;
}

export function deadLetterTopicOf(topic: { name: string } | string): string {
  return (typeof topic === 'string' ? topic : topic.name) + DEAD_LETTER_SUFFIX;
}

/** Payload type of a topic definition, for typed handlers. */
export type PayloadOf<T> = T extends TopicDefinition<infer P> ? P : never;
