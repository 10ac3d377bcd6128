import { z } from 'zod';
import { TOPICS, type TopicDefinition } from '@welkom/events';
import {
  BundledCertificates,
  CertificateTrust,
  decodeRecords,
  EnvelopeVerifier,
  type PartyDirectory,
  type ReceivedEvent,
} from '@welkom/messaging';
import { AuditChainVerifier, type AuditRecord, type ChainBreak, type ChainHead } from '../../src/audit/audit-chain';
import { type AuditCheckpoint, checkpointBreak, latestCheckpoint } from '../../src/audit/audit-checkpoint';
import { checkpointOf } from '../../src/audit/audit-checkpoint.repository';
import {
  type Countersignature,
  type CountersignedCheckpoint,
  countersignatureOf,
  countersignedBreak,
  countersignedCheckpoints,
} from '../../src/audit/audit-countersignature';

/**
 * Everything needed to check a hub's audit trail on a machine with neither its database nor Kafka: the entries
 * and head as the database holds them, the signed checkpoint records as they are on the topic, and the
 * certificates that signed them, and the parties' counter-signatures of those checkpoints as they are on their
 * topic (with the certificates that signed those). What it is checked against (the party CA) is NOT in the bundle: the verifier
 * brings its own trust anchor.
 */
export const AUDIT_BUNDLE_FORMAT = 'welkom-audit-bundle-v1';

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected a hex SHA-256');
const sequence = z.string().regex(/^\d+$/, 'expected a decimal sequence');

const entrySchema = z.object({
  sequence,
  occurredAt: z.iso.datetime({ offset: true }),
  actorOin: z.string(),
  actorSubUnit: z.string(),
  action: z.string(),
  reason: z.string().nullable(),
  subjectPseudonym: z.string().nullable(),
  evidenceType: z.string().nullable(),
  evidenceId: z.string().nullable(),
  requestId: z.string().nullable(),
  grantId: z.string().nullable(),
  purpose: z.string().nullable(),
  legalBasis: z.string().nullable(),
  disclosedFields: z.array(z.string()).nullable(),
  explicitRequestByPerson: z.boolean().nullable(),
  /** Absent in bundles exported before issue 12: no operator acted in person then. */
  actorOperator: z.string().nullable().default(null),
  previousHash: hex64.or(z.literal('0'.repeat(64))),
  entryHash: hex64,
});

const portableRecordSchema = z.object({
  topic: z.string(),
  partition: z.number().int(),
  offset: z.string(),
  timestamp: z.string(),
  key: z.string().nullable(),
  value: z.string().nullable(),
  headers: z.record(z.string(), z.string()),
});

export const auditBundleSchema = z.object({
  format: z.literal(AUDIT_BUNDLE_FORMAT),
  exportedAt: z.iso.datetime({ offset: true }),
  hubOin: z.string().regex(/^\d{20}$/),
  /** The chain the checkpoints must name: the hub's AUDIT_CHAIN_ID, or the hash of the first entry. */
  chainId: z.string().min(1),
  head: z.object({ sequence, hash: hex64.or(z.literal('0'.repeat(64))) }),
  entries: z.array(entrySchema),
  checkpoints: z.array(portableRecordSchema),
  /** The parties' counter-signature records (welkom.hub.audit-countersignatures.v1); absent in bundles from before. */
  countersignatures: z.array(portableRecordSchema).default([]),
  certificates: z.record(z.string(), z.array(z.string()).min(1)),
});

export type AuditBundle = z.infer<typeof auditBundleSchema>;

export function bundleEntry(record: AuditRecord): AuditBundle['entries'][number] {
  return { ...record, occurredAt: record.occurredAt.toISOString() };
}

function recordOf(entry: AuditBundle['entries'][number]): AuditRecord {
  return { ...entry, occurredAt: new Date(entry.occurredAt), action: entry.action as AuditRecord['action'] };
}

export interface BundleVerdict {
  intact: boolean;
  verifiedEntries: number;
  head: ChainHead;
  broken: ChainBreak | undefined;
  checkpoint: AuditCheckpoint | undefined;
  /** Checkpoint records that did not verify (not signed by the hub, altered): never believed. */
  rejectedCheckpoints: string[];
  /** The checkpoints parties countersigned, with those parties, latest first. */
  countersigned: CountersignedCheckpoint[];
  /** Counter-signature records that did not verify or named another party than their signer: never believed. */
  rejectedCountersignatures: string[];
}

/**
 * The same verdict as VerifyAuditChain: every link and hash, the head, then the latest checkpoint whose
 * signature holds, each signature checked at the time it was made (certificates may have expired since).
 */
export async function verifyAuditBundle(bundle: AuditBundle, trust: CertificateTrust, parties: PartyDirectory): Promise<BundleVerdict> {
  const chain = new AuditChainVerifier();
  for (const entry of bundle.entries) if (!chain.check(recordOf(entry))) break;
  let broken = chain.finish(bundle.head);

  const hubSigned = await readSigned(TOPICS.auditCheckpoint, bundle.checkpoints, bundle, trust, parties);
  const checkpoints = hubSigned.events
    .flatMap(({ event }) => checkpointOf(event, bundle.hubOin))
    .filter((checkpoint) => checkpoint.chainId === bundle.chainId);
  const rejectedCheckpoints = hubSigned.rejected;
  const checkpoint = latestCheckpoint(checkpoints);
  const storedHashes = new Map(bundle.entries.map((entry) => [entry.sequence, entry.entryHash]));
  if (!broken && checkpoint) broken = checkpointBreak(checkpoint, bundle.head, storedHashes.get(checkpoint.sequence));
  // The parties' keys, not the hub's: a hub that rewrote history and re-signed its own checkpoints (compaction then
  // keeps only the re-signed one) still contradicts every checkpoint a party countersigned before.
  const partySigned = await readSigned(TOPICS.auditCountersignature, bundle.countersignatures, bundle, trust, parties);
  const countersignatures: Countersignature[] = [];
  const rejectedCountersignatures = [...partySigned.rejected];
  for (const { event, offset } of partySigned.events) {
    const countersignature = countersignatureOf(event, bundle.hubOin);
    if (typeof countersignature === 'string') rejectedCountersignatures.push(`offset ${offset}: it ${countersignature}`);
    else if (countersignature.chainId === bundle.chainId) countersignatures.push(countersignature);
  }
  const countersigned = countersignedCheckpoints(countersignatures);
  if (!broken) broken = countersignedBreak(countersigned, bundle.head, storedHashes);
  return {
    intact: broken === undefined,
    verifiedEntries: chain.verifiedEntries,
    head: bundle.head,
    broken,
    checkpoint,
    rejectedCheckpoints,
    countersigned,
    rejectedCountersignatures,
  };
}

/**
 * The bundle's records of one topic whose signatures hold, each checked at the time it was written to the topic
 * (certificates may have expired since), with the certificates the bundle carries; and why the others are not.
 */
async function readSigned<T>(
  topic: TopicDefinition<T>,
  records: AuditBundle['checkpoints'],
  bundle: AuditBundle,
  trust: CertificateTrust,
  parties: PartyDirectory,
): Promise<{ events: { event: ReceivedEvent<T>; offset: string }[]; rejected: string[] }> {
  const events: { event: ReceivedEvent<T>; offset: string }[] = [];
  const rejected: string[] = [];
  for (const record of records) {
    const signedAt = new Date(Number(record.timestamp));
    const verifier = new EnvelopeVerifier(trust, parties, () => signedAt, new BundledCertificates(bundle.certificates));
    const read = await decodeRecords(topic, [record], verifier);
    events.push(...read.events.map((event) => ({ event, offset: record.offset })));
    rejected.push(...read.rejected.map((rejection) => `offset ${rejection.offset}: ${rejection.reason}`));
  }
  return { events, rejected };
}
