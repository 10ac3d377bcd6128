import type { AuditCountersignature as AuditCountersignatureMessage } from '@welkom/contracts/generated/welkom/hub/v1/audit_checkpoint';
import type { ReceivedEvent } from '@welkom/messaging';
import { fromTimestamp } from '@welkom/platform';
import type { ChainBreak, ChainHead } from './audit-chain';
import { checkpointBreak } from './audit-checkpoint';

/** A party's counter-signature of one of the hub's checkpoints, as read from its signed record. */
export interface Countersignature {
  partyOin: string;
  chainId: string;
  sequence: string;
  entryHash: string;
  checkpointTakenAt: Date;
  countersignedAt: Date;
}

/** One checkpoint (sequence and hash) and every party that countersigned it. */
export interface CountersignedCheckpoint {
  sequence: string;
  entryHash: string;
  checkpointTakenAt: Date;
  /** Ascending. */
  partyOins: string[];
}

const HEX_SHA256 = /^[0-9a-f]{64}$/;
const INT64 = /^[0-9]{1,19}$/;

/**
 * A verified counter-signature record (its envelope signature already checked against the party's certificate,
 * which chains to the party CA) as a counter-signature of `hubOin`'s checkpoints, or why it is not one. The party
 * it names must be the party that signed it: nobody countersigns in another's name.
 */
export function countersignatureOf(event: ReceivedEvent<AuditCountersignatureMessage>, hubOin: string): Countersignature | string {
  const { payload } = event;
  const signer = event.envelope.sourcePartyOin;
  if (payload.partyOin !== signer) return `names party ${payload.partyOin} but was signed by ${signer}`;
  if (payload.hubOin !== hubOin) return `countersigns a checkpoint of ${payload.hubOin}, not of the hub ${hubOin}`;
  const checkpointTakenAt = fromTimestamp(payload.checkpointTakenAt);
  const countersignedAt = fromTimestamp(payload.countersignedAt);
  if (!INT64.test(payload.sequence) || !HEX_SHA256.test(payload.entryHash) || payload.chainId === '') return 'is malformed';
  if (!(checkpointTakenAt instanceof Date) || !(countersignedAt instanceof Date)) return 'has no valid times';
  return {
    partyOin: signer,
    chainId: payload.chainId,
    sequence: payload.sequence,
    entryHash: payload.entryHash,
    checkpointTakenAt,
    countersignedAt,
  };
}

/** Counter-signatures grouped by the checkpoint they vouch for, latest (highest sequence) first. */
export function countersignedCheckpoints(countersignatures: readonly Countersignature[]): CountersignedCheckpoint[] {
  const byCheckpoint = new Map<string, CountersignedCheckpoint>();
  for (const countersignature of countersignatures) {
    const key = `${countersignature.sequence}/${countersignature.entryHash}`;
    const checkpoint = byCheckpoint.get(key) ?? {
      sequence: countersignature.sequence,
      entryHash: countersignature.entryHash,
      checkpointTakenAt: countersignature.checkpointTakenAt,
      partyOins: [],
    };
    if (!checkpoint.partyOins.includes(countersignature.partyOin)) checkpoint.partyOins.push(countersignature.partyOin);
    byCheckpoint.set(key, checkpoint);
  }
  return [...byCheckpoint.values()]
    .map((checkpoint) => ({ ...checkpoint, partyOins: [...checkpoint.partyOins].sort() }))
    .sort((a, b) => (BigInt(b.sequence) > BigInt(a.sequence) ? 1 : BigInt(b.sequence) < BigInt(a.sequence) ? -1 : 0));
}

/**
 * What the counter-signed checkpoints say about the chain as stored: the first (lowest) one the chain contradicts.
 * This holds even against a hub that re-signed its own checkpoints after rewriting history: the parties' keys are
 * not the hub's. `storedHashes` maps a sequence to the hash the chain holds for it (absent when the entry is gone).
 */
export function countersignedBreak(
  checkpoints: readonly CountersignedCheckpoint[],
  head: ChainHead,
  storedHashes: ReadonlyMap<string, string>,
): ChainBreak | undefined {
  const ascending = [...checkpoints].sort((a, b) => (BigInt(a.sequence) < BigInt(b.sequence) ? -1 : 1));
  for (const checkpoint of ascending) {
    const named = `the checkpoint of ${checkpoint.checkpointTakenAt.toISOString()} countersigned by ${checkpoint.partyOins.join(', ')}`;
    const broken = checkpointBreak(
      { sequence: checkpoint.sequence, entryHash: checkpoint.entryHash, takenAt: checkpoint.checkpointTakenAt },
      head,
      storedHashes.get(checkpoint.sequence),
      named,
    );
    if (broken) return broken;
  }
  return undefined;
}
