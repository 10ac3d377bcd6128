import { PSEUDONYM_PATTERN } from '@welkom/validation';
import { base32, SubjectPseudonymRepository } from './subject-pseudonym.repository';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const SEALING_1 = 'first-sealing-key-long-enough-0123456789';
const SEALING_2 = 'second-sealing-key-long-enough-0123456789';

describe('base32', () => {
  it('encodes the RFC 4648 test vectors (lower case, no padding)', () => {
    expect(base32(Buffer.from('f'))).toBe('my');
    expect(base32(Buffer.from('foobar'))).toBe('mzxw6ytboi');
  });
});

describe('SubjectPseudonymRepository', () => {
  const subjects = new SubjectPseudonymRepository({ SUBJECT_PSEUDONYM_SECRET: SECRET });

  it('gives one person one pseudonym, in the documented format', () => {
    const pseudonym = subjects.pseudonymOf({ kind: 'bsn', value: '123456782' });
    expect(pseudonym).toMatch(PSEUDONYM_PATTERN);
    expect(subjects.pseudonymOf({ kind: 'bsn', value: '123456782' })).toBe(pseudonym);
    expect(pseudonym).not.toContain('123456782');
  });

  it('gives another secret other pseudonyms, so they cannot be linked across deployments', () => {
    const other = new SubjectPseudonymRepository({ SUBJECT_PSEUDONYM_SECRET: `${SECRET}-other` });
    expect(other.pseudonymOf({ kind: 'bsn', value: '123456782' })).not.toBe(subjects.pseudonymOf({ kind: 'bsn', value: '123456782' }));
  });

  it('passes a pseudonym through unchanged', () => {
    const pseudonym = subjects.pseudonymOf({ kind: 'v-number', value: 'V1' });
    expect(subjects.pseudonymOf({ kind: 'pseudonym', value: pseudonym })).toBe(pseudonym);
  });

  it('seals an identifier so that it opens to the same identifier and does not show in the bytes', () => {
    const sealed = subjects.seal({ kind: 'passport', number: 'AB1234567', issuingCountry: 'KE' });
    expect(sealed.bytes.toString('latin1')).not.toContain('AB1234567');
    expect(subjects.open(sealed)).toEqual({ kind: 'passport', number: 'AB1234567', issuingCountry: 'KE' });
  });

  it('refuses to open a sealed identifier that was altered', () => {
    const sealed = subjects.seal({ kind: 'bsn', value: '123456782' });
    sealed.bytes[sealed.bytes.length - 1] ^= 1;
    expect(() => subjects.open(sealed)).toThrow();
  });

  it('seals under a key of its own with an id, not under the pseudonym key', () => {
    const sealing = new SubjectPseudonymRepository({ SUBJECT_PSEUDONYM_SECRET: SECRET, SUBJECT_SEALING_KEYS: [SEALING_1] });
    const sealed = sealing.seal({ kind: 'bsn', value: '123456782' });
    expect(sealed.keyId).toMatch(/^sk-[0-9a-f]{12}$/);
    expect(sealed.keyId).not.toBe(subjects.seal({ kind: 'bsn', value: '123456782' }).keyId);
    expect(sealing.keys.pseudonymKeyId).toBe(subjects.keys.pseudonymKeyId);
    expect(sealing.keys.pseudonymKeyId).toMatch(/^pk-[0-9a-f]{12}$/);
  });

  it('opens what an older sealing key sealed while that key is still listed, and refuses once it is gone', () => {
    const before = new SubjectPseudonymRepository({ SUBJECT_PSEUDONYM_SECRET: SECRET, SUBJECT_SEALING_KEYS: [SEALING_1] });
    const sealed = before.seal({ kind: 'v-number', value: 'V12345' });
    const rotating = new SubjectPseudonymRepository({ SUBJECT_PSEUDONYM_SECRET: SECRET, SUBJECT_SEALING_KEYS: [SEALING_2, SEALING_1] });
    expect(rotating.open(sealed)).toEqual({ kind: 'v-number', value: 'V12345' });
    expect(rotating.seal({ kind: 'v-number', value: 'V12345' }).keyId).not.toBe(sealed.keyId);
    const after = new SubjectPseudonymRepository({ SUBJECT_PSEUDONYM_SECRET: SECRET, SUBJECT_SEALING_KEYS: [SEALING_2] });
    expect(() => after.open(sealed)).toThrow(`sealed under key ${sealed.keyId}, which this hub does not hold`);
  });

  it('fails closed without a secret', () => {
    const unconfigured = new SubjectPseudonymRepository({ SUBJECT_PSEUDONYM_SECRET: undefined });
    expect(() => unconfigured.pseudonymOf({ kind: 'bsn', value: '123456782' })).toThrow(
      expect.objectContaining({ reason: 'PSEUDONYMISATION_NOT_CONFIGURED', code: 'FAILED_PRECONDITION' }) as Error,
    );
  });
});
