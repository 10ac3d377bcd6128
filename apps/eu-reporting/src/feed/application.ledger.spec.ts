import type { ApplicationFact } from './application-fact';
import { ApplicationFactValidator } from './application-fact.validator';
import { ApplicationLedger } from './application.ledger';
import { loadFeedReference } from './feed-reference.loader';

const validator = new ApplicationFactValidator(loadFeedReference().citizenships);

function checked(fact: ApplicationFact) {
  const result = validator.validate(fact);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.fact;
}

const submitted: ApplicationFact = { applicationId: 'V-1', category: 'STUDENT', citizenship: 'CN', submittedOn: '2022-06-01' };
const decided: ApplicationFact = { ...submitted, decidedOn: '2022-07-01', decision: 'GRANTED' };

describe('application ledger', () => {
  it('adds a new application, keeps a repeated fact unchanged and replaces it with a different one', () => {
    const ledger = new ApplicationLedger();
    expect(ledger.record(checked(submitted))).toBe('added');
    expect(ledger.record(checked(submitted))).toBe('unchanged');
    expect(ledger.record(checked(decided))).toBe('replaced');
    expect(ledger.record(checked(decided))).toBe('unchanged');
    expect(ledger.size).toBe(1);
    expect(ledger.find('V-1')).toEqual(decided);
  });

  it('returns to pending when a later fact says so (last word wins)', () => {
    const ledger = new ApplicationLedger();
    ledger.record(checked(decided));
    expect(ledger.record(checked(submitted))).toBe('replaced');
    expect(ledger.find('V-1')).toEqual(submitted);
  });

  it('keeps the sponsor type and forgets nothing when it grows past its first capacity', () => {
    const ledger = new ApplicationLedger({ expectedApplications: 16 });
    for (let i = 0; i < 5_000; i++) {
      ledger.record(
        checked({ ...submitted, applicationId: `V-${i}`, citizenship: i % 2 === 0 ? 'CN' : 'IN', sponsorType: 'RECOGNISED_SPONSOR' }),
      );
    }
    expect(ledger.size).toBe(5_000);
    expect(ledger.find('V-4999')).toEqual({ ...submitted, applicationId: 'V-4999', citizenship: 'IN', sponsorType: 'RECOGNISED_SPONSOR' });
    expect(ledger.find('V-5000')).toBeUndefined();
    expect(ledger.retainedBytes()).toBeGreaterThan(5_000 * 13);
  });
});
