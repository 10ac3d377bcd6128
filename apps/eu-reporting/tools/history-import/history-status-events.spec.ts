import { ApplicationStatus, PermitCategory, SponsorType } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { ApplicationFact } from '../../src/feed/application-fact';
import { ApplicationFactValidator } from '../../src/feed/application-fact.validator';
import { loadFeedReference } from '../../src/feed/feed-reference.loader';
import { historyStatusEvents, uuidV5 } from './history-status-events';

const validator = new ApplicationFactValidator(loadFeedReference().citizenships);

function checked(fact: ApplicationFact) {
  const result = validator.validate(fact);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.fact;
}

const decided: ApplicationFact = {
  applicationId: 'SYN-00000042',
  category: 'HIGHLY_SKILLED_MIGRANT',
  citizenship: 'IN',
  submittedOn: '2019-03-04',
  decidedOn: '2019-03-21',
  decision: 'REFUSED',
};

describe('status events of a history row', () => {
  it('computes RFC 9562 version 5 UUIDs', () => {
    // The RFC's example: the DNS namespace and "www.example.com".
    expect(uuidV5('www.example.com', '6ba7b810-9dad-11d1-80b4-00c04fd430c8')).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
  });

  it('sends a decided row as SUBMITTED then its decision, each carrying the whole row', () => {
    const events = historyStatusEvents(checked(decided));
    expect(events.map((e) => e.payload.status)).toEqual([
      ApplicationStatus.APPLICATION_STATUS_SUBMITTED,
      ApplicationStatus.APPLICATION_STATUS_REFUSED,
    ]);
    expect(events[1].payload).toEqual({
      applicationRef: 'SYN-00000042',
      subject: undefined,
      category: PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT,
      status: ApplicationStatus.APPLICATION_STATUS_REFUSED,
      citizenship: 'IN',
      sponsorType: SponsorType.SPONSOR_TYPE_UNSPECIFIED,
      sponsor: undefined,
      submittedOn: '2019-03-04',
      decidedOn: '2019-03-21',
      reasonCode: '',
      occurredAt: { seconds: String(Date.UTC(2019, 2, 21) / 1000), nanos: 0 },
      collectionPoint: '',
      arrival: undefined,
    });
    expect(events[0].payload.decidedOn).toBe('');
    expect(events[0].payload.occurredAt).toEqual({ seconds: String(Date.UTC(2019, 2, 4) / 1000), nanos: 0 });
    expect(events.every((e) => e.correlationId === 'history-import:SYN-00000042')).toBe(true);
  });

  it('sends a pending row as SUBMITTED only', () => {
    const { decidedOn: _d, decision: _x, ...pending } = decided;
    expect(historyStatusEvents(checked(pending)).map((e) => e.payload.status)).toEqual([ApplicationStatus.APPLICATION_STATUS_SUBMITTED]);
  });

  it('gives the same row the same event ids every time, so a second import is dropped by the inbox', () => {
    const first = historyStatusEvents(checked(decided));
    const again = historyStatusEvents(checked({ ...decided }));
    expect(again.map((e) => e.eventId)).toEqual(first.map((e) => e.eventId));
    expect(again.map((e) => e.traceparent)).toEqual(first.map((e) => e.traceparent));
    expect(first[0].eventId).not.toBe(first[1].eventId);
    expect(first[0].eventId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(first[0].traceparent).toMatch(/^00-[0-9a-f]{32}-[0-9a-f]{16}-01$/);
  });

  it('gives a corrected row new ids, so the correction is applied; an unchanged submission keeps its id', () => {
    const original = historyStatusEvents(checked(decided));
    const laterDecision = historyStatusEvents(checked({ ...decided, decidedOn: '2019-04-01' }));
    expect(laterDecision[0].eventId).toBe(original[0].eventId);
    expect(laterDecision[1].eventId).not.toBe(original[1].eventId);
    const otherCitizenship = historyStatusEvents(checked({ ...decided, citizenship: 'CN' }));
    expect(otherCitizenship[0].eventId).not.toBe(original[0].eventId);
  });
});
