import { createCipheriv, createDecipheriv, createHmac, hkdfSync, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG, type HubConfig } from '../hub.config';
import { HubError } from '../hub.errors';
import { canonicalSubjectText, type SubjectId } from './subject-identifier';

const BASE32_ALPHABET = 'abcdefghijklmnopqrstuvwxyz234567';
const SEAL_VERSION = 1;
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** RFC 4648 base32, lower case, without padding. */
export function base32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let output = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      output += BASE32_ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) output += BASE32_ALPHABET[(value << (5 - bits)) & 31];
  return output;
}

/**
 * Keyed pseudonyms for subjects, and sealing of the real identifier where the hub must keep it.
 *
 * The pseudonym is HMAC-SHA-256(secret, "bsn:123456782") in base32: the same person always gets the same
 * pseudonym (events about her can be joined), nobody without the secret can compute or reverse it (a BSN
 * has only ~10^8 values, so an unkeyed hash would be reversible by trying them all).
 *
 * The identifier itself is sealed with AES-256-GCM under a key derived from the same secret (HKDF, its own
 * label), so a copy of the database alone does not reveal whom the pseudonyms stand for.
 */
@Injectable()
export class SubjectPseudonymRepository {
  private readonly secret: Buffer | null;
  private readonly sealingKey: Buffer | null;

  constructor(@Inject(HUB_CONFIG) config: Pick<HubConfig, 'SUBJECT_PSEUDONYM_SECRET'>) {
    this.secret = config.SUBJECT_PSEUDONYM_SECRET ? Buffer.from(config.SUBJECT_PSEUDONYM_SECRET, 'utf8') : null;
    this.sealingKey = this.secret ? Buffer.from(hkdfSync('sha256', this.secret, 'welkom-hub', 'subject-identifier-sealing-v1', 32)) : null;
  }

  /** The pseudonym of a subject; a pseudonym passes through unchanged. Fails closed without a secret. */
  pseudonymOf(subject: SubjectId): string {
    if (subject.kind === 'pseudonym') return subject.value;
    const mac = createHmac('sha256', this.requireSecret()).update(canonicalSubjectText(subject), 'utf8').digest();
    return `subj_${base32(mac)}`;
  }

  /** The identifier encrypted for storage: version byte, IV, tag, ciphertext. */
  seal(subject: Exclude<SubjectId, { kind: 'pseudonym' }>): Buffer {
    const key = this.requireSealingKey();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(subject), 'utf8'), cipher.final()]);
    return Buffer.concat([Buffer.from([SEAL_VERSION]), iv, cipher.getAuthTag(), ciphertext]);
  }

  open(sealed: Buffer): SubjectId {
    const key = this.requireSealingKey();
    if (sealed[0] !== SEAL_VERSION) throw new Error(`Unknown sealed identifier version ${sealed[0]}`);
    const iv = sealed.subarray(1, 1 + IV_BYTES);
    const tag = sealed.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(sealed.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as SubjectId;
  }

  private requireSecret(): Buffer {
    if (!this.secret) throw notConfigured();
    return this.secret;
  }

  private requireSealingKey(): Buffer {
    if (!this.sealingKey) throw notConfigured();
    return this.sealingKey;
  }
}

function notConfigured(): HubError {
  return new HubError(
    'PSEUDONYMISATION_NOT_CONFIGURED',
    'The hub has no SUBJECT_PSEUDONYM_SECRET: it refuses to handle subjects rather than handle them unprotected',
  );
}
