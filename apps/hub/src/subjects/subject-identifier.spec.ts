import { canonicalSubjectText, parseSubjectIdentifier } from './subject-identifier';

describe('parseSubjectIdentifier', () => {
  it('accepts a BSN and names its kind', () => {
    expect(parseSubjectIdentifier({ bsn: '123456782' }, 'subject')).toEqual({
      subject: { kind: 'bsn', value: '123456782' },
      violations: [],
    });
  });

  it('reads the gRPC shape, whose oneof carries a virtual discriminator field', () => {
    const grpcShape = { identifier: 'vNumber', vNumber: 'v1234567' } as unknown as Parameters<typeof parseSubjectIdentifier>[0];
    expect(parseSubjectIdentifier(grpcShape, 'subject').subject).toEqual({ kind: 'v-number', value: 'V1234567' });
  });

  it('points at the exact field of a malformed passport', () => {
    const { violations } = parseSubjectIdentifier({ passport: { number: 'AB-12', issuingCountry: 'kenya' } }, 'subject');
    expect(violations.map((v) => v.field)).toEqual(['subject.passport.number', 'subject.passport.issuing_country']);
  });

  it('refuses an empty identifier with the field that is missing', () => {
    expect(parseSubjectIdentifier({}, 'subject').violations).toEqual([
      { field: 'subject', description: expect.stringContaining('is required') as string },
    ]);
    expect(parseSubjectIdentifier(undefined, 'evidence.subject').violations[0].field).toBe('evidence.subject');
  });

  it('refuses a pseudonym the hub cannot have issued', () => {
    const { violations } = parseSubjectIdentifier({ pseudonym: `subj_${'a'.repeat(51)}b` }, 'subject');
    expect(violations[0].field).toBe('subject.pseudonym');
  });
});

describe('canonicalSubjectText', () => {
  it('keeps kinds apart, so a V-number never shares a pseudonym with a BSN of the same digits', () => {
    expect(canonicalSubjectText({ kind: 'bsn', value: '123456782' })).not.toBe(
      canonicalSubjectText({ kind: 'v-number', value: '123456782' }),
    );
  });
});
