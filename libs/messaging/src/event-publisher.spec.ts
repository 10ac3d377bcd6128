import { TOPICS } from '@welkom/events';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import { buildRecord, ClearIdentifierRefusedError } from './event-publisher';

const SOURCE = '00000003281234560000';
const ISSUED: IssuedEvidence = {
  subject: { pseudonym: `subj_${'a'.repeat(52)}` },
  evidenceType: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
  payload: undefined,
  issuedAt: undefined,
  validUntil: undefined,
  sourceReference: 'leiden-1',
  subUnit: '',
};

describe('producing events (issue 11, leak 5)', () => {
  it('publishes evidence that names its subject by pseudonym', () => {
    expect(buildRecord(TOPICS.evidenceSourceIssued, ISSUED, SOURCE).value.length).toBeGreaterThan(0);
  });

  it.each([
    ['a BSN', { bsn: '111222333' }, 'subject.bsn'],
    ['a V-number', { vNumber: '1234567890' }, 'subject.vNumber'],
    ['a passport number', { passport: { number: 'AB1234567', issuingCountry: 'KE' } }, 'subject.passport'],
  ])('refuses to put %s on the backbone in clear, before anything is sent', (_label, subject, field) => {
    expect(() => buildRecord(TOPICS.evidenceSourceIssued, { ...ISSUED, subject }, SOURCE)).toThrow(ClearIdentifierRefusedError);
    expect(() => buildRecord(TOPICS.evidenceSourceIssued, { ...ISSUED, subject }, SOURCE)).toThrow(field);
  });

  it('refuses a clear identifier inside a sealed issue too: there it belongs in sealed_subject', () => {
    const sealed = { evidence: { ...ISSUED, subject: { bsn: '111222333' } }, sealedSubject: Buffer.from([1]) };
    expect(() => buildRecord(TOPICS.evidenceSourceIssuedSealed, sealed, SOURCE)).toThrow('evidence.subject.bsn');
  });
});
