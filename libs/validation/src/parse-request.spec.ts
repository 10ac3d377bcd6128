import { DomainError } from '@welkom/errors';
import { z } from 'zod';
import { fieldRule, invalid, message, raw, refineRequest } from './field-rule';
import { bsn, isoDate, text, uuid } from './field-rules';
import { checkRequest, fieldPath, parseRequest } from './parse-request';

const filing = refineRequest(
  z.object({
    applicationRef: uuid(),
    subjectIdentifier: message({ bsn: bsn() }),
    allowedFields: z.array(text({ maxChars: 5 })),
    stayFrom: isoDate(),
    stayUntil: isoDate(),
    requester: raw(),
  }),
  (request, report) => {
    if (request.stayFrom !== undefined && request.stayUntil !== undefined && request.stayFrom > request.stayUntil) {
      report(['stayUntil'], 'lies before stay_from');
    }
  },
);

function refusal(run: () => unknown): DomainError {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('parseRequest', () => {
  it('returns the parsed value of a good request', () => {
    const value = parseRequest(filing, {
      applicationRef: '6a1f0c2e-0001-4000-8000-000000000001',
      subjectIdentifier: { bsn: '123456782' },
      allowedFields: ['a'],
      stayFrom: '2026-09-01',
      stayUntil: '2027-08-31',
    });
    expect(value).toEqual({
      applicationRef: '6a1f0c2e-0001-4000-8000-000000000001',
      subjectIdentifier: { bsn: '123456782' },
      allowedFields: ['a'],
      stayFrom: '2026-09-01',
      stayUntil: '2027-08-31',
      requester: undefined,
    });
  });

  it('refuses with INVALID_ARGUMENT and every violation at its proto field path, checks across fields included', () => {
    const error = refusal(() =>
      parseRequest(filing, {
        applicationRef: 'X',
        subjectIdentifier: { bsn: '123456789' },
        allowedFields: ['ok', ' pad'],
        stayFrom: '2027-01-01',
        stayUntil: '2026-01-01',
      }),
    );
    expect(error.code).toBe('INVALID_ARGUMENT');
    expect(error.reason).toBe('INVALID_REQUEST');
    expect(error.fieldViolations).toEqual([
      { field: 'application_ref', description: 'must be a UUID in lower case' },
      { field: 'subject_identifier.bsn', description: 'is not a BSN (9 digits passing the 11-check)' },
      { field: 'allowed_fields[1]', description: 'must not start or end with white space' },
      { field: 'stay_until', description: 'lies before stay_from' },
    ]);
  });

  it('reads an absent request, or a null message, as missing fields', () => {
    const error = refusal(() => parseRequest(filing, { subjectIdentifier: null, allowedFields: [] }));
    expect(error.fieldViolations.map((violation) => [violation.field, violation.description])).toEqual([
      ['application_ref', 'is required'],
      ['subject_identifier', 'is required'],
      ['stay_from', 'is required'],
      ['stay_until', 'is required'],
    ]);
    const absent = refusal(() => parseRequest(z.object({ id: uuid() }), undefined));
    expect(absent.fieldViolations).toEqual([{ field: 'id', description: 'is required' }]);
  });

  it('puts a service reason and the position of the message in the request', () => {
    const error = refusal(() => parseRequest(z.object({ id: uuid() }), {}, { reason: 'INVALID_FEED_REQUEST', at: 'evidence' }));
    expect(error.reason).toBe('INVALID_FEED_REQUEST');
    expect(error.fieldViolations).toEqual([{ field: 'evidence.id', description: 'is required' }]);
  });

  it('lets a rule report below its own field, and keeps names a client chose when asked', () => {
    const rule = fieldRule(() => invalid('must be 1-9 letters or digits', ['passport', 'number']));
    expect(checkRequest(z.object({ subject: rule }), {})).toEqual({
      ok: false,
      violations: [{ field: 'subject.passport.number', description: 'must be 1-9 letters or digits' }],
    });
    expect(fieldPath(['smallCells', 0])).toBe('small_cells[0]');
    expect(fieldPath(['fromYear'], '', true)).toBe('fromYear');
  });
});
