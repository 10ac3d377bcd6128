import type { ApplicationFact, UncheckedApplicationFact } from '../feed/application-fact';
import type { Decision } from '../feed/permit-category';

/** The statuses of an application (ARCHITECTURE.md §5), as the status contract names them without prefix. */
export const APPLICATION_STATUSES = [
  'SUBMITTED',
  'EVIDENCE_PENDING',
  'ADVICE_PENDING',
  'GRANTED',
  'REFUSED',
  'MVV_AUTHORISED',
  'BIOMETRICS_CAPTURED',
  'MVV_ISSUED',
  'PERMIT_ISSUED',
  'WITHDRAWN',
  'EXPIRED',
] as const;
export type ApplicationStatusName = (typeof APPLICATION_STATUSES)[number];

/**
 * One status event in the feed's words: strings as the validator takes them, empty where the event left a
 * field out. `category`, `sponsorType` and `status` are the contract's enum names without their prefix.
 */
export interface StatusChange {
  readonly applicationId: string;
  /** Empty when the event's status is unspecified: not a status the feed can apply. */
  readonly status: ApplicationStatusName | '';
  readonly category: string;
  readonly citizenship: string;
  /** Empty when the event does not say. */
  readonly sponsorType: string;
  readonly submittedOn: string;
  readonly decidedOn: string;
}

/** The statuses that are a decision on the application; everything else happens before or after one. */
const DECISION_OF_STATUS: Readonly<Partial<Record<ApplicationStatusName, Decision>>> = {
  GRANTED: 'GRANTED',
  REFUSED: 'REFUSED',
  WITHDRAWN: 'WITHDRAWN',
};

export function decisionOfStatus(status: ApplicationStatusName): Decision | undefined {
  return DECISION_OF_STATUS[status];
}

/**
 * What the feed knows about an application after a status event, given what it knew before (the latest fact).
 *
 * - GRANTED, REFUSED and WITHDRAWN are decisions: they set the decision and its date.
 * - Every other status (submitted, evidence or advice pending, MVV and permit steps after a grant, expired)
 *   is no decision: it updates only what the application is (category, citizenship, sponsor type, date of
 *   submission) and keeps a decision already known. So a late "evidence pending" never undoes a grant, and
 *   "permit issued" after the grant changes no figure.
 * - A field the event leaves empty keeps its known value, so an event that carries only the news still
 *   applies; a field that is then still missing is the validator's to report.
 *
 * Pure; the result is checked by the same validator as a history row.
 */
export function factAfterStatusChange(before: ApplicationFact | undefined, change: StatusChange): UncheckedApplicationFact {
  const or = (value: string, known: string | undefined): string => (value !== '' ? value : (known ?? ''));
  const submission = {
    applicationId: change.applicationId,
    category: or(change.category, before?.category),
    citizenship: or(change.citizenship, before?.citizenship),
    sponsorType: or(change.sponsorType, before?.sponsorType),
    submittedOn: or(change.submittedOn, before?.submittedOn),
  };
  const decision = change.status === '' ? undefined : decisionOfStatus(change.status);
  if (decision !== undefined) {
    return { ...submission, decision, decidedOn: or(change.decidedOn, before?.decision === decision ? before.decidedOn : undefined) };
  }
  return {
    ...submission,
    ...(before?.decision === undefined ? {} : { decision: before.decision, decidedOn: before.decidedOn ?? '' }),
  };
}
