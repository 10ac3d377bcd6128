import { z } from 'zod';
import { checkRequest } from './parse-request';
import { personIdentifier, subjectIdentifier } from './subject-identifier.rule';

const request = z.object({ subject: subjectIdentifier() });
const person = z.object({ applicant: personIdentifier('names an organisation; an application is for a person') });

describe('subject identifier', () => {
  it('takes one identifier of a known kind, V-numbers and passport numbers in upper case', () => {
    expect(checkRequest(request, { subject: { bsn: '123456782' } })).toEqual({
      ok: true,
      value: { subject: { kind: 'bsn', value: '123456782' } },
    });
    expect(checkRequest(request, { subject: { identifier: 'vNumber', vNumber: 'v1234567', bsn: null } })).toEqual({
      ok: true,
      value: { subject: { kind: 'v-number', value: 'V1234567' } },
    });
  });

  it('points at each wrong part of a passport', () => {
    const checked = checkRequest(request, { subject: { passport: { number: 'AB-12', issuingCountry: 'kenya' } } });
    const fields = checked.ok ? [] : checked.violations.map((v) => v.field);
    expect(fields).toEqual(['subject.passport.number', 'subject.passport.issuing_country']);
  });

  it('refuses none, two, a BSN failing the 11-check and a pseudonym the hub cannot have issued', () => {
    const fieldsOf = (subject: unknown) => {
      const checked = checkRequest(request, { subject });
      return checked.ok ? [] : checked.violations.map((v) => `${v.field}: ${v.description}`);
    };
    expect(fieldsOf({})).toEqual(['subject: is required: one of bsn, v_number, passport, kvk_number, pseudonym']);
    expect(fieldsOf({ bsn: '123456782', kvkNumber: '12345678' })).toEqual(['subject: must hold exactly one identifier']);
    expect(fieldsOf({ bsn: '123456789' })).toEqual(['subject.bsn: is not a BSN (9 digits passing the 11-check)']);
    expect(fieldsOf({ pseudonym: `subj_${'a'.repeat(51)}b` })).toHaveLength(1);
    expect(fieldsOf({ pseudonym: `subj_${'a'.repeat(52)}` })).toEqual([]);
  });

  it('refuses an organisation where a person is wanted', () => {
    expect(checkRequest(person, { applicant: { kvkNumber: '12345678' } })).toEqual({
      ok: false,
      violations: [{ field: 'applicant.kvk_number', description: 'names an organisation; an application is for a person' }],
    });
    expect(checkRequest(person, {})).toEqual({
      ok: false,
      violations: [{ field: 'applicant', description: 'is required: one of bsn, v_number, passport, pseudonym' }],
    });
  });
});
