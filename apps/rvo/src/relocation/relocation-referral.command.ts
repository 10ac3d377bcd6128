import {
  ApplicationStatus,
  type ApplicationStatusChanged,
  PermitCategory,
} from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { FieldViolation } from '@welkom/errors';
import { fromTimestamp, isIsoDate } from '@welkom/platform';
import { RvoError } from '../rvo.errors';
import type { Arrival } from './relocation-referral.policy';

/** The statuses that make an arrival known: the permit granted, or the entry visa issued. */
const ARRIVAL_STATUSES: readonly ApplicationStatus[] = [
  ApplicationStatus.APPLICATION_STATUS_GRANTED,
  ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED,
];

export interface ArrivalCommand {
  readonly applicationRef: string;
  readonly trigger: ApplicationStatus;
  readonly arrival: Arrival;
}

const optional = (text: string | undefined): string | undefined => (text === undefined || text.trim() === '' ? undefined : text.trim());

/**
 * The arrival an IND status event announces, or undefined for a status that announces none. A granted case
 * without its case id, pseudonym (a family member applying together has none) or a date is refused (to the dead-letter topic, with the fields): the IND
 * always sends them. The arrival date is the one the application states, else the day of the decision.
 */
export function arrivalCommand(event: ApplicationStatusChanged): ArrivalCommand | undefined {
  if (!ARRIVAL_STATUSES.includes(event.status)) return undefined;
  const violations: FieldViolation[] = [];
  if (!event.applicationRef) violations.push({ field: 'application_ref', description: 'is required' });
  const pseudonym = event.subject?.pseudonym ?? '';
  // A family member applying together (issue 15) is never looked up at the hub, so it has no hub pseudonym: it is
  // referred on its own by the IND's pseudonymous case id, which is the referral's key anyway.
  const withoutPseudonym = event.category === PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER && pseudonym === '';
  if (!withoutPseudonym && !pseudonym.startsWith('subj_'))
    violations.push({ field: 'subject.pseudonym', description: 'must be a hub pseudonym' });
  const stated = optional(event.arrival?.expectedArrivalOn);
  if (stated !== undefined && !isIsoDate(stated))
    violations.push({ field: 'arrival.expected_arrival_on', description: 'must be a calendar date written YYYY-MM-DD' });
  const occurredAt = fromTimestamp(event.occurredAt);
  const arrivalDate =
    stated ?? optional(event.decidedOn) ?? (occurredAt instanceof Date ? occurredAt.toISOString().slice(0, 10) : undefined);
  if (arrivalDate === undefined || !isIsoDate(arrivalDate))
    violations.push({ field: 'decided_on', description: 'a granted case needs a decision date or a stated arrival date' });
  if (violations.length > 0 || arrivalDate === undefined)
    throw new RvoError('INVALID_REQUEST', 'The status event cannot be referred', { fieldViolations: violations });
  return {
    applicationRef: event.applicationRef,
    trigger: event.status,
    arrival: {
      subjectPseudonym: pseudonym,
      category: event.category,
      sponsorOin: event.sponsor?.oin ?? '',
      arrivalDate,
      namedCentreCode: optional(event.arrival?.welcomeCentreCode),
      municipalityOfWork: optional(event.arrival?.municipalityOfWork),
      municipalityOfResidence: optional(event.arrival?.municipalityOfResidence),
    },
  };
}
