import { z } from 'zod';
import { bsn, countryCode, isoDate, isValidBsn, oin, pageSize, referenceId, text, uuid } from './field-rules';
import { checkRequest } from './parse-request';

function problemsOf(rule: z.ZodType, value: unknown): string[] {
  const checked = checkRequest(z.object({ value: rule }), { value });
  return checked.ok ? [] : checked.violations.map((violation) => violation.description);
}

describe('BSN', () => {
  it.each(['111222333', '123456782', '010000008'])('accepts %s, which passes the 11-check', (value) => {
    expect(isValidBsn(value)).toBe(true);
    expect(problemsOf(bsn(), value)).toEqual([]);
  });

  it.each(['123456789', '12345678', '1234567820', '000000000', '12345678a', ' 23456782'])('refuses %j', (value) => {
    expect(isValidBsn(value)).toBe(false);
    expect(problemsOf(bsn(), value)).toEqual(['is not a BSN (9 digits passing the 11-check)']);
  });
});

describe('UUID', () => {
  it('accepts a lower-case UUID and refuses upper case, other text and nothing', () => {
    expect(problemsOf(uuid(), '6a1f0c2e-0001-4000-8000-000000000001')).toEqual([]);
    expect(problemsOf(uuid(), '6A1F0C2E-0001-4000-8000-000000000001')).toEqual(['must be a UUID in lower case']);
    expect(problemsOf(uuid(), "1' OR '1'='1")).toEqual(['must be a UUID in lower case']);
    expect(problemsOf(uuid(), '')).toEqual(['is required']);
    expect(problemsOf(uuid({ required: false }), null)).toEqual([]);
  });
});

describe('reference id', () => {
  it('takes letters, digits and . _ : / - up to its length, starting with a letter or digit', () => {
    expect(problemsOf(referenceId(64), 'LEI-2026/001:a.b_c')).toEqual([]);
    expect(problemsOf(referenceId(64), 'x'.repeat(64))).toEqual([]);
    const description = (max: number) => `must be 1-${max} letters, digits or . _ : / - (starting with a letter or digit)`;
    expect(problemsOf(referenceId(64), 'x'.repeat(65))).toEqual([description(64)]);
    expect(problemsOf(referenceId(128), '-leading')).toEqual([description(128)]);
    expect(problemsOf(referenceId(64, { description: 'is not an application reference' }), 'ref with spaces')).toEqual([
      'is not an application reference',
    ]);
  });
});

describe('ISO date', () => {
  it('accepts only days of the calendar written YYYY-MM-DD', () => {
    expect(problemsOf(isoDate(), '2024-02-29')).toEqual([]);
    expect(problemsOf(isoDate(), '2026-02-29')).toEqual(['must be an ISO date YYYY-MM-DD']);
    expect(problemsOf(isoDate(), '2026-02-30')).toEqual(['must be an ISO date YYYY-MM-DD']);
    expect(problemsOf(isoDate(), '01-09-2026')).toEqual(['must be an ISO date YYYY-MM-DD']);
    expect(problemsOf(isoDate(), '2026-09-01')).toEqual([]);
  });
});

describe('country code and OIN', () => {
  it('wants two capitals and twenty digits', () => {
    expect(problemsOf(countryCode(), 'KE')).toEqual([]);
    expect(problemsOf(countryCode(), 'Kenya')).toEqual(['must be an ISO 3166-1 alpha-2 code, e.g. KE']);
    expect(problemsOf(countryCode(), 'ke')).toHaveLength(1);
    expect(problemsOf(oin(), '00000001003214345000')).toEqual([]);
    expect(problemsOf(oin(), '1234')).toEqual(['must be an OIN: 20 digits']);
  });
});

describe('plain text', () => {
  const rule = text({ maxChars: 10 });

  it('names the first problem of a text: absent, not text, too long, control characters, surrounding white space', () => {
    expect(problemsOf(rule, undefined)).toEqual(['is required']);
    expect(problemsOf(rule, 7)).toEqual(['must be text']);
    expect(problemsOf(rule, 'x'.repeat(11))).toEqual(['must be at most 10 characters']);
    expect(problemsOf(rule, 'a\u0000b')).toEqual(['must not contain control characters']);
    expect(problemsOf(rule, 'a\u0085b')).toEqual(['must not contain control characters']);
    expect(problemsOf(rule, ' ab')).toEqual(['must not start or end with white space']);
    expect(problemsOf(rule, 'Vw 2000')).toEqual([]);
  });

  it('gives an absent optional text as empty, and checks a pattern last', () => {
    const code = text({ required: false, maxChars: 8, pattern: /^[a-z]+$/, patternDescription: 'must be lower-case letters' });
    expect(checkRequest(z.object({ value: code }), {})).toEqual({ ok: true, value: { value: '' } });
    expect(problemsOf(code, 'Nairobi')).toEqual(['must be lower-case letters']);
  });
});

describe('page size', () => {
  it('reads 0 or nothing as the default and refuses what is outside 0-500', () => {
    expect(checkRequest(z.object({ pageSize: pageSize() }), {})).toEqual({ ok: true, value: { pageSize: 100 } });
    expect(checkRequest(z.object({ pageSize: pageSize() }), { pageSize: 500 })).toEqual({ ok: true, value: { pageSize: 500 } });
    expect(problemsOf(pageSize(), 501)).toEqual(['must be between 1 and 500 (0 for 100)']);
    expect(problemsOf(pageSize(), -1)).toEqual(['must be between 1 and 500 (0 for 100)']);
    expect(problemsOf(pageSize(), 1.5)).toEqual(['must be between 1 and 500 (0 for 100)']);
  });
});
