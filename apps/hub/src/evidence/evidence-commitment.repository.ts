import { createHash, randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';

const SALT_BYTES = 32;

/** A commitment to one piece of evidence and the salt that opens it (the salt never leaves the hub). */
export interface EvidenceCommitment {
  readonly salt: Buffer;
  /** SHA-256 of salt ‖ canonical payload, lower-case hex. */
  readonly commitment: string;
}

/** The commitment under a known salt: how the hub opens one (and how the migration computed the first ones). */
export function commitmentOf(salt: Uint8Array, canonical: Uint8Array): string {
  return createHash('sha256').update(salt).update(canonical).digest('hex');
}

/**
 * Salted commitments to evidence (issue 11, leak 3). The unsalted SHA-256 of a payload that the hub used to
 * hand out let a requester who holds the granted fields try every value of a withheld field (a boolean, an
 * enum, a date: a few thousand candidates at most) until the hash matched. A commitment under 256 random bits
 * that stay in the vault leaves nothing to try, yet stays one value per piece of evidence for every holder.
 * The randomness is the side effect this repository wraps.
 */
@Injectable()
export class EvidenceCommitmentRepository {
  commit(canonical: Uint8Array): EvidenceCommitment {
    const salt = randomBytes(SALT_BYTES);
    return { salt, commitment: commitmentOf(salt, canonical) };
  }
}
