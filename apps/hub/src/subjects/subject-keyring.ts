import { createHmac, hkdfSync } from 'node:crypto';
import type { HubConfig } from '../hub.config';

/** The settings the keys come from; sealing keys may be left out (then the legacy key seals). */
export type SubjectKeyConfig = Pick<HubConfig, 'SUBJECT_PSEUDONYM_SECRET'> & Partial<Pick<HubConfig, 'SUBJECT_SEALING_KEYS'>>;

export interface SealingKey {
  readonly id: string;
  readonly key: Buffer;
}

/**
 * A key's id: a short HMAC of a fixed label under the key, so the id names the key without revealing it, and two
 * deployments that name keys alike can never mistake one key for another.
 */
export function keyIdOf(prefix: 'pk' | 'sk', key: Buffer): string {
  return `${prefix}-${createHmac('sha256', key).update('welkom-key-id-v1', 'utf8').digest('hex').slice(0, 12)}`;
}

/**
 * The hub's subject keys, each with its id: the pseudonym key (HMAC) and the sealing keys (AES-256-GCM).
 *
 * Sealing keys rotate: the first of SUBJECT_SEALING_KEYS seals, all of them open, and a worker re-seals what an
 * older key sealed (an old key can leave the list once nothing is sealed under it). Without SUBJECT_SEALING_KEYS,
 * and always for rows sealed before key ids, the key is the one derived from the pseudonym secret by HKDF, as it
 * was before sealing keys had ids (`legacy`).
 *
 * The pseudonym key does not rotate: pseudonyms are stable references in every party's events on Kafka, and a new
 * key would give every person a new one. Its id is kept so a database made under another key is refused at start.
 */
export class SubjectKeyring {
  readonly pseudonymKey: Buffer | null;
  readonly pseudonymKeyId: string | null;
  /** The key new identifiers are sealed under. */
  readonly sealing: SealingKey | null;
  /** The key rows without a key id were sealed under, derived from the pseudonym secret. */
  readonly legacy: SealingKey | null;
  private readonly readable: Map<string, Buffer>;

  constructor(config: SubjectKeyConfig) {
    this.pseudonymKey = config.SUBJECT_PSEUDONYM_SECRET ? Buffer.from(config.SUBJECT_PSEUDONYM_SECRET, 'utf8') : null;
    this.pseudonymKeyId = this.pseudonymKey ? keyIdOf('pk', this.pseudonymKey) : null;
    this.legacy = this.pseudonymKey
      ? sealingKey(Buffer.from(hkdfSync('sha256', this.pseudonymKey, 'welkom-hub', 'subject-identifier-sealing-v1', 32)))
      : null;
    // Each configured secret is stretched to an AES-256 key; the key id is of that key.
    const configured = (config.SUBJECT_SEALING_KEYS ?? []).map((secret) =>
      sealingKey(Buffer.from(hkdfSync('sha256', Buffer.from(secret, 'utf8'), 'welkom-hub', 'subject-identifier-sealing-v2', 32))),
    );
    this.sealing = this.pseudonymKey ? (configured[0] ?? this.legacy) : null;
    this.readable = new Map([...(this.legacy ? [this.legacy] : []), ...configured].map((key) => [key.id, key.key]));
  }

  /** The sealing key with this id, if the hub holds it. */
  sealingKeyById(id: string): Buffer | undefined {
    return this.readable.get(id);
  }

  /** Every sealing key id the hub can open, the sealing one first. */
  readableKeyIds(): string[] {
    return [...new Set([...(this.sealing ? [this.sealing.id] : []), ...this.readable.keys()])];
  }
}

function sealingKey(key: Buffer): SealingKey {
  return { id: keyIdOf('sk', key), key };
}
