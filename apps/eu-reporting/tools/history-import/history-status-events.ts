import { createHash } from 'node:crypto';
import type { ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { type EpochDay, formatIsoDate } from '@welkom/platform';
import { contractCategoryOf, contractSponsorTypeOf, contractStatusOf } from '../../src/application-facts/application-status.mapper';
import type { ApplicationStatusName } from '../../src/application-facts/status-change';
import type { CheckedApplicationFact } from '../../src/feed/application-fact';
import { citizenshipOfCode } from '../../src/feed/citizenship-code';
import { decisionOfCode, PERMIT_CATEGORIES, SPONSOR_TYPES } from '../../src/feed/permit-category';

/** The namespace of history-import event ids (RFC 9562 name-based ids need one); never change it. */
export const HISTORY_EVENT_NAMESPACE = '3e240c8c-b39a-4c6b-92c6-dfcdf2183729';

const SECONDS_PER_DAY = 86_400;

/** RFC 9562 §5.5 UUIDv5: SHA-1 of namespace and name, with version and variant bits set. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1')
    .update(Buffer.from(namespace.replace(/-/g, ''), 'hex'))
    .update(name, 'utf8')
    .digest();
  hash[6] = (hash[6] & 0x0f) | 0x50;
  hash[8] = (hash[8] & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

/** One status event of an imported history row, with everything that makes it the same event every time. */
export interface HistoryStatusEvent {
  readonly eventId: string;
  /** All events of one application share it, so a trace of the application finds both. */
  readonly correlationId: string;
  /** W3C trace context from the event id: each imported event starts its own trace, the same every time. */
  readonly traceparent: string;
  readonly payload: ApplicationStatusChanged;
}

/**
 * The status events that tell the service what one history row says: SUBMITTED, and when the row is decided,
 * GRANTED, REFUSED or WITHDRAWN. Both carry the whole row, so either alone is enough to count it.
 *
 * Event ids are name-based (UUIDv5) over the application id, the status and every fact the event carries:
 * importing the same file again yields the same ids and the consumer's inbox drops them all; a corrected row
 * (another date, another category) yields a new id and is applied, the latest row winning as in the replay
 * CLI, where a later row for the same application replaces the earlier one.
 */
export function historyStatusEvents(fact: CheckedApplicationFact): HistoryStatusEvent[] {
  const category = PERMIT_CATEGORIES[fact.category];
  const citizenship = citizenshipOfCode(fact.citizenship);
  const sponsorType = SPONSOR_TYPES[fact.sponsorType];
  const submittedOn = formatIsoDate(fact.submittedDay);
  const decision = decisionOfCode(fact.decision);
  const decidedOn = decision === undefined ? '' : formatIsoDate(fact.decidedDay);
  const correlationId = `history-import:${fact.applicationId}`;

  const event = (status: ApplicationStatusName, day: EpochDay): HistoryStatusEvent => {
    const facts = [fact.applicationId, status, category, citizenship, sponsorType, submittedOn];
    if (status !== 'SUBMITTED') facts.push(decidedOn);
    const eventId = uuidV5(facts.join('\n'), HISTORY_EVENT_NAMESPACE);
    const hex = eventId.replace(/-/g, '');
    return {
      eventId,
      traceparent: `00-${hex}-${hex.slice(16)}-01`,
      correlationId,
      payload: {
        applicationRef: fact.applicationId,
        subject: undefined,
        category: contractCategoryOf(category),
        status: contractStatusOf(status),
        citizenship,
        sponsorType: contractSponsorTypeOf(sponsorType),
        sponsor: undefined,
        submittedOn,
        decidedOn: status === 'SUBMITTED' ? '' : decidedOn,
        reasonCode: '',
        // The day the status was reached, at midnight UTC (the history has no times); the envelope is dated at
        // publication, so the consumers' freshness window accepts a history years old.
        occurredAt: { seconds: String(day * SECONDS_PER_DAY), nanos: 0 },
        // History facts name no collection point; the feed does not read it.
        collectionPoint: '',
        arrival: undefined,
      },
    };
  };

  const events = [event('SUBMITTED', fact.submittedDay)];
  if (decision !== undefined) events.push(event(decision, fact.decidedDay));
  return events;
}
