import { generateKeyPairSync } from 'node:crypto';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import { openSealedSubject, sealSubject } from './sealed-subject';

const hub = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
const PASSPORT: SubjectIdentifier = { passport: { number: 'AB1234567', issuingCountry: 'KE' } };

describe('subjects sealed for the hub', () => {
  it('opens with the hub key to exactly the identifier that was sealed', () => {
    expect(openSealedSubject(hub.privateKey, sealSubject(hub.publicKey, PASSPORT))).toMatchObject(PASSPORT);
  });

  it('shows nothing of the identifier, and seals the same identifier differently every time', () => {
    const first = sealSubject(hub.publicKey, PASSPORT);
    const second = sealSubject(hub.publicKey, PASSPORT);
    expect(first.toString('latin1')).not.toContain('AB1234567');
    expect(first.equals(second)).toBe(false);
  });

  it('does not open with another key, nor after a single bit changed', () => {
    const sealed = sealSubject(hub.publicKey, { bsn: '111222333' });
    expect(() => openSealedSubject(other.privateKey, sealed)).toThrow();
    const tampered = Buffer.from(sealed);
    tampered[tampered.length - 1] ^= 1;
    expect(() => openSealedSubject(hub.privateKey, tampered)).toThrow();
    expect(() => openSealedSubject(hub.privateKey, Buffer.from([1]))).toThrow();
  });
});
