import { formatIsoDate } from '@welkom/platform';
import { ApplicationFactValidator } from './application-fact.validator';
import { loadFeedReference } from './feed-reference.loader';
import { DecisionCode, sponsorTypeCodeOf } from './permit-category';

const validator = new ApplicationFactValidator(loadFeedReference().citizenships);

// The CSV parser has the table of malformed rows; this covers what only an event-shaped fact can carry.
describe('application fact validator', () => {
  it('checks a fact that arrives without the optional fields (a status event), sponsor type unknown', () => {
    const result = validator.validate({ applicationId: 'EV-1', category: 'RESEARCHER', citizenship: 'US', submittedOn: '2026-02-01' });
    expect(result).toEqual({
      ok: true,
      fact: {
        applicationId: 'EV-1',
        category: 3,
        citizenship: expect.any(Number) as number,
        sponsorType: sponsorTypeCodeOf('UNKNOWN'),
        submittedDay: expect.any(Number) as number,
        decidedDay: 0,
        decision: DecisionCode.PENDING,
      },
    });
    if (result.ok) expect(formatIsoDate(result.fact.submittedDay)).toBe('2026-02-01');
  });

  it('accepts a decision on the day of submission', () => {
    const result = validator.validate({
      applicationId: 'EV-2',
      category: 'EU_BLUE_CARD',
      citizenship: 'IN',
      sponsorType: 'RECOGNISED_SPONSOR',
      submittedOn: '2026-02-01',
      decidedOn: '2026-02-01',
      decision: 'GRANTED',
    });
    expect(result.ok && result.fact.decision).toBe(DecisionCode.GRANTED);
  });

  it('refuses ids that would not survive a CSV row or a Kafka key unchanged', () => {
    for (const applicationId of ['a b', 'a,b', 'a"b', 'é', 'x'.repeat(65)]) {
      const result = validator.validate({ applicationId, category: 'STUDENT', citizenship: 'CN', submittedOn: '2026-02-01' });
      expect([applicationId, result.ok ? 'ok' : result.problems[0].code]).toEqual([applicationId, 'INVALID_APPLICATION_ID']);
    }
  });

  it('names the field of every problem', () => {
    const result = validator.validate({
      applicationId: 'EV-3',
      category: 'STUDENT',
      citizenship: 'CN',
      sponsorType: 'BOSS',
      submittedOn: '',
    });
    expect(result.ok ? [] : result.problems.map((p) => [p.code, p.field])).toEqual([
      ['UNKNOWN_SPONSOR_TYPE', 'sponsorType'],
      ['MISSING_VALUE', 'submittedOn'],
    ]);
  });
});
