import { AclOperationTypes, AclPermissionTypes, AclResourceTypes, ResourcePatternTypes, type AclEntry, type Kafka } from 'kafkajs';
import type { KafkaAclOperation, KafkaAclRule } from './kafka-acls';

/** The rules of one principal, e.g. `User:university-leiden`. */
export interface PrincipalAcls {
  readonly principal: string;
  readonly rules: readonly KafkaAclRule[];
}

const OPERATIONS: Readonly<Record<KafkaAclOperation, AclOperationTypes>> = {
  Read: AclOperationTypes.READ,
  Write: AclOperationTypes.WRITE,
  Describe: AclOperationTypes.DESCRIBE,
  Delete: AclOperationTypes.DELETE,
  IdempotentWrite: AclOperationTypes.IDEMPOTENT_WRITE,
};

/** Kafka's one cluster resource always has this name. */
const CLUSTER_RESOURCE_NAME = 'kafka-cluster';

/**
 * Makes each principal's ACLs exactly `rules` (on any host): what it held before is deleted first, so a right
 * dropped from the registry is gone after the next start of a broker whose data survived. Needs a client that
 * may alter the cluster (a super user).
 */
export async function replaceKafkaAcls(kafka: Kafka, grants: readonly PrincipalAcls[]): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    await admin.deleteAcls({
      filters: grants.map(({ principal }) => ({
        resourceType: AclResourceTypes.ANY,
        resourcePatternType: ResourcePatternTypes.ANY,
        principal,
        operation: AclOperationTypes.ANY,
        permissionType: AclPermissionTypes.ANY,
      })),
    });
    const entries = grants.flatMap(({ principal, rules }) => rules.flatMap((rule) => aclEntries(principal, rule)));
    if (entries.length > 0) await admin.createAcls({ acl: entries });
    return entries.length;
  } finally {
    await admin.disconnect();
  }
}

function aclEntries(principal: string, rule: KafkaAclRule): AclEntry[] {
  const { resource } = rule;
  const target =
    resource.type === 'cluster'
      ? { resourceType: AclResourceTypes.CLUSTER, resourceName: CLUSTER_RESOURCE_NAME, resourcePatternType: ResourcePatternTypes.LITERAL }
      : {
          resourceType: resource.type === 'topic' ? AclResourceTypes.TOPIC : AclResourceTypes.GROUP,
          resourceName: resource.name,
          resourcePatternType: resource.patternType === 'prefix' ? ResourcePatternTypes.PREFIXED : ResourcePatternTypes.LITERAL,
        };
  return rule.operations.map((operation) => ({
    ...target,
    principal,
    host: '*',
    operation: OPERATIONS[operation],
    permissionType: AclPermissionTypes.ALLOW,
  }));
}
