/** A checkpoint record from `welkom.hub.audit-checkpoints.v1` whose signature verified, in topic order. */
export interface SignedCheckpoint {
  readonly chainId: string;
  /** Decimal int64: the chain head the hub signed. */
  readonly sequence: string;
  readonly entryHash: string;
  /** ISO time the hub took it; null when the record carried none. */
  readonly takenAt: string | null;
  readonly signerOin: string;
  readonly offset: string;
}

export type AuditStatus = 'ANCHORED' | 'NOT_INTACT' | 'NO_CHECKPOINT_YET';

export interface AuditPanel {
  readonly status: AuditStatus;
  readonly problems: readonly string[];
  /** Checkpoints read (signature verified) and records refused (signature, envelope or payload did not hold). */
  readonly checkpointsRead: number;
  readonly recordsRefused: number;
  readonly chains: readonly {
    chainId: string;
    checkpoints: number;
    latest: { sequence: string; entryHash: string; takenAt: string | null };
  }[];
  /** When this verification ran (the console's clock), so a person sees how fresh the verdict is. */
  readonly verifiedAt: string;
}

/**
 * What the console can say of the audit trail without the hub's database: the hub signs its chain head, and a
 * head never moves back, so every checkpoint must be signed by the hub (the party list's HUB_OPERATOR) and, per
 * chain, a later checkpoint must not name an earlier entry, or the same entry with another hash. A record that does
 * not verify is a problem too: someone wrote to the topic who should not have. Re-hashing the entries themselves
 * (VerifyAuditChain, `npm run audit:verify`) needs an operator in person and stays with them.
 */
export function auditPanel(
  checkpoints: readonly SignedCheckpoint[],
  refused: readonly { offset: string; reason: string }[],
  hubOin: string,
  verifiedAt: Date,
): AuditPanel {
  const problems = refused.map((record) => `checkpoint record at offset ${record.offset} does not verify: ${record.reason}`);
  const chains = new Map<string, SignedCheckpoint[]>();
  for (const checkpoint of checkpoints) {
    if (checkpoint.signerOin !== hubOin) {
      problems.push(`checkpoint at offset ${checkpoint.offset} is signed by ${checkpoint.signerOin}, not the hub (${hubOin})`);
      continue;
    }
    chains.set(checkpoint.chainId, [...(chains.get(checkpoint.chainId) ?? []), checkpoint]);
  }
  for (const [chainId, ofChain] of chains) {
    for (let i = 1; i < ofChain.length; i += 1) {
      const before = ofChain[i - 1];
      const after = ofChain[i];
      if (BigInt(after.sequence) < BigInt(before.sequence)) {
        problems.push(
          `chain ${chainId}: checkpoint at offset ${after.offset} names entry ${after.sequence}, after one naming ${before.sequence}`,
        );
      } else if (after.sequence === before.sequence && after.entryHash !== before.entryHash) {
        problems.push(`chain ${chainId}: entry ${after.sequence} was signed with two different hashes`);
      }
    }
  }
  const signed = [...chains.values()].reduce((sum, ofChain) => sum + ofChain.length, 0);
  return {
    status: problems.length > 0 ? 'NOT_INTACT' : signed === 0 ? 'NO_CHECKPOINT_YET' : 'ANCHORED',
    problems,
    checkpointsRead: checkpoints.length,
    recordsRefused: refused.length,
    chains: [...chains].map(([chainId, ofChain]) => {
      const latest = ofChain[ofChain.length - 1];
      return {
        chainId,
        checkpoints: ofChain.length,
        latest: { sequence: latest.sequence, entryHash: latest.entryHash, takenAt: latest.takenAt },
      };
    }),
    verifiedAt: verifiedAt.toISOString(),
  };
}
