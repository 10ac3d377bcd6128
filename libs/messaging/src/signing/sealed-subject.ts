import {
  createCipheriv,
  createDecipheriv,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  hkdfSync,
  type KeyObject,
  randomBytes,
} from 'node:crypto';
import { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';

const SEALED_SUBJECT_VERSION = 1;
const HKDF_INFO = 'welkom-sealed-subject-v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * Whom an event is about, sealed for one recipient (issue 11, leak 5): a source that issues evidence over
 * Kafka cannot put a BSN, V-number or passport number on the backbone in clear, so it encrypts the identifier
 * to the hub's certificate key. ECIES on the certificate's P-256 key: an ephemeral key pair per message, ECDH,
 * HKDF-SHA-256 (salted with the ephemeral public key), AES-256-GCM. Layout: version byte, length of the
 * ephemeral SPKI (1 byte), the ephemeral SPKI (DER), IV, tag, ciphertext. Only the holder of the recipient's
 * private key can open it; every other reader of the topic, or of its dead-letter copy, sees random bytes.
 */
export function sealSubject(recipient: KeyObject, subject: SubjectIdentifier): Buffer {
  const ephemeral = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
  const ephemeralSpki = ephemeral.publicKey.export({ format: 'der', type: 'spki' });
  const key = derivedKey(diffieHellman({ privateKey: ephemeral.privateKey, publicKey: recipient }), ephemeralSpki);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const ciphertext = Buffer.concat([cipher.update(SubjectIdentifier.encode(subject).finish()), cipher.final()]);
  return Buffer.concat([Buffer.from([SEALED_SUBJECT_VERSION, ephemeralSpki.length]), ephemeralSpki, iv, cipher.getAuthTag(), ciphertext]);
}

/** Opens a sealed subject with the recipient's private key; throws on anything that was not sealed for it. */
export function openSealedSubject(recipient: KeyObject, sealed: Uint8Array): SubjectIdentifier {
  const bytes = Buffer.from(sealed);
  if (bytes.length < 2 || bytes[0] !== SEALED_SUBJECT_VERSION) throw new Error('not a sealed subject of a known version');
  const spkiEnd = 2 + bytes[1];
  if (bytes.length < spkiEnd + IV_BYTES + TAG_BYTES + 1) throw new Error('sealed subject is truncated');
  const ephemeralSpki = bytes.subarray(2, spkiEnd);
  const ephemeral = createPublicKey({ key: ephemeralSpki, format: 'der', type: 'spki' });
  const key = derivedKey(diffieHellman({ privateKey: recipient, publicKey: ephemeral }), ephemeralSpki);
  const iv = bytes.subarray(spkiEnd, spkiEnd + IV_BYTES);
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAuthTag(bytes.subarray(spkiEnd + IV_BYTES, spkiEnd + IV_BYTES + TAG_BYTES));
  const plain = Buffer.concat([decipher.update(bytes.subarray(spkiEnd + IV_BYTES + TAG_BYTES)), decipher.final()]);
  return SubjectIdentifier.decode(plain);
}

function derivedKey(sharedSecret: Buffer, ephemeralSpki: Buffer): Buffer {
  return Buffer.from(hkdfSync('sha256', sharedSecret, ephemeralSpki, HKDF_INFO, 32));
}
