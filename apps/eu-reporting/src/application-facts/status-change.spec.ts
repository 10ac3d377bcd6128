import type { ApplicationFact } from '../feed/application-fact';
import { factAfterStatusChange, type StatusChange } from './status-change';

const submitted: StatusChange = {
  applicationId: 'A-1',
  status: 'SUBMITTED',
  category: 'STUDENT',
  citizenship: 'CN',
  sponsorType: 'RECOGNISED_SPONSOR',
  submittedOn: '2022-06-01',
  decidedOn: '',
};

const granted: ApplicationFact = {
  applicationId: 'A-1',
  category: 'STUDENT',
  citizenship: 'CN',
  sponsorType: 'RECOGNISED_SPONSOR',
  submittedOn: '2022-06-01',
  decision: 'GRANTED',
  decidedOn: '2022-06-20',
};

describe('what a status event makes of an application', () => {
  it('records a submitted application as pending', () => {
    expect(factAfterStatusChange(undefined, submitted)).toEqual({
      applicationId: 'A-1',
      category: 'STUDENT',
      citizenship: 'CN',
      sponsorType: 'RECOGNISED_SPONSOR',
      submittedOn: '2022-06-01',
    });
  });

  it.each(['GRANTED', 'REFUSED', 'WITHDRAWN'] as const)('takes %s as the decision, with its date', (status) => {
    const after = factAfterStatusChange(undefined, { ...submitted, status, decidedOn: '2022-07-01' });
    expect(after).toMatchObject({ decision: status, decidedOn: '2022-07-01', submittedOn: '2022-06-01' });
  });

  it('keeps a known decision when a later non-decision status arrives (evidence pending, permit issued)', () => {
    for (const status of ['EVIDENCE_PENDING', 'PERMIT_ISSUED', 'MVV_ISSUED', 'EXPIRED'] as const) {
      expect(factAfterStatusChange(granted, { ...submitted, status })).toEqual(granted);
    }
  });

  it('lets a non-decision status correct what the application is, never its decision', () => {
    const after = factAfterStatusChange(granted, { ...submitted, status: 'ADVICE_PENDING', citizenship: 'IN' });
    expect(after).toEqual({ ...granted, citizenship: 'IN' });
  });

  it('replaces an earlier decision with a later one', () => {
    const after = factAfterStatusChange(granted, { ...submitted, status: 'WITHDRAWN', decidedOn: '2022-08-01' });
    expect(after).toMatchObject({ decision: 'WITHDRAWN', decidedOn: '2022-08-01' });
  });

  it('fills what a decision event leaves out from what is known', () => {
    const after = factAfterStatusChange(granted, {
      applicationId: 'A-1',
      status: 'REFUSED',
      category: '',
      citizenship: '',
      sponsorType: '',
      submittedOn: '',
      decidedOn: '2022-09-01',
    });
    expect(after).toEqual({ ...granted, decision: 'REFUSED', decidedOn: '2022-09-01' });
  });

  it('leaves a missing value missing when nothing is known, for the validator to report', () => {
    const after = factAfterStatusChange(undefined, { ...submitted, status: 'GRANTED', submittedOn: '', decidedOn: '' });
    expect(after).toMatchObject({ submittedOn: '', decidedOn: '', decision: 'GRANTED' });
  });
});
