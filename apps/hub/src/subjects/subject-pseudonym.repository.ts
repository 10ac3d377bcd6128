import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { HUB_CONFIG } from '../hub.config';
import { HubError } from '../hub.errors';
import { canonicalSubjectText, type SubjectId } from './subject-identifier';
import { SubjectKeyring, type SubjectKeyConfig } from './subject-keyring';

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

/** A sealed identifier and the id of the key that sealed it, stored side by side. */
export interface SealedIdentifier {
  readonly keyId: string;
  readonly bytes: Buffer;
}

/**
 * Keyed pseudonyms for subjects, and sealing of the real identifier where the hub must keep it.
 *
 * The pseudonym is HMAC-SHA-256(pseudonym key, "bsn:123456782") in base32: the same person always gets the same
 * pseudonym (events about her can be joined), nobody without the key can compute or reverse it (a BSN has only
 * ~10^8 values, so an unkeyed hash would be reversible by trying them all).
 *
 * The identifier itself is sealed with AES-256-GCM under a sealing key of its own (SubjectKeyring), so a copy of
 * the database alone does not reveal whom the pseudonyms stand for, and that key can rotate.
 */
@Injectable()
export class SubjectPseudonymRepository {
  readonly keys: SubjectKeyring;

  constructor(@Inject(HUB_CONFIG) config: SubjectKeyConfig) {
    this.keys = new SubjectKeyring(config);
  }

  /** The pseudonym of a subject; a pseudonym passes through unchanged. Fails closed without a secret. */
  pseudonymOf(subject: SubjectId): string {
    if (subject.kind === 'pseudonym') return subject.value;
    const mac = createHmac('sha256', this.requireSecret()).update(canonicalSubjectText(subject), 'utf8').digest();
    return `subj_${base32(mac)}`;
  }

  /** The identifier encrypted for storage under the current sealing key: version byte, IV, tag, ciphertext. */
  seal(subject: Exclude<SubjectId, { kind: 'pseudonym' }>): SealedIdentifier {
    const sealing = this.keys.sealing;
    if (!sealing) throw notConfigured();
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', sealing.key, iv);
    const ciphertext = Buffer.concat([cipher.update(JSON.stringify(subject), 'utf8'), cipher.final()]);
    return { keyId: sealing.id, bytes: Buffer.concat([Buffer.from([SEAL_VERSION]), iv, cipher.getAuthTag(), ciphertext]) };
  }

  /** Opens an identifier sealed under any key the hub holds; one under another key is an error, never a guess. */
  open(sealed: SealedIdentifier): SubjectId {
    if (!this.keys.sealing) throw notConfigured();
    // No key id: a row sealed before key ids that the start-up check found to open under the legacy key.
    const key = sealed.keyId === '' ? this.keys.legacy?.key : this.keys.sealingKeyById(sealed.keyId);
    if (!key) throw new Error(`The identifier is sealed under key ${sealed.keyId}, which this hub does not hold`);
    const bytes = sealed.bytes;
    if (bytes[0] !== SEAL_VERSION) throw new Error(`Unknown sealed identifier version ${bytes[0]}`);
    const iv = bytes.subarray(1, 1 + IV_BYTES);
    const tag = bytes.subarray(1 + IV_BYTES, 1 + IV_BYTES + TAG_BYTES);
    const decipher = createDecipheriv('aes-256-gcm', key, iv);
    decipher.setAuthTag(tag);
    const plain = Buffer.concat([decipher.update(bytes.subarray(1 + IV_BYTES + TAG_BYTES)), decipher.final()]);
    return JSON.parse(plain.toString('utf8')) as SubjectId;
  }

  private requireSecret(): Buffer {
    if (!this.keys.pseudonymKey) throw notConfigured();
    return this.keys.pseudonymKey;
  }
}

function notConfigured(): HubError {
  return new HubError(
    'PSEUDONYMISATION_NOT_CONFIGURED',
    'The hub has no SUBJECT_PSEUDONYM_SECRET: it refuses to handle subjects rather than handle them unprotected',
  );
}
