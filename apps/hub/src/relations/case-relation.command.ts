import { ApplicationStatus, type ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { fieldRule, invalid, OIN_PATTERN, parseRequest, PSEUDONYM_PATTERN, uuid } from '@welkom/validation';
import { z } from 'zod';

/**
 * The relations an IND status event states about a case: the IND holds it (CASE_HOLDER), the sponsor filed it
 * (SPONSORSHIP), and whether the case ended, which ends the sponsorship.
 */
export interface CaseRelationsCommand {
  subjectPseudonym: string;
  applicationRef: string;
  /** '' when the applicant filed through her own channel. */
  sponsorOin: string;
  /** The status that ended the case (the reason of the sponsorship's end), or null while it runs. */
  endedBy: string | null;
}

/**
 * Statuses after which nobody sponsors the person in this case any more: withdrawn, refused (also a grant the
 * IND withdrew after a sponsor's report, GRANT_WITHDRAWN → REFUSED), expired. PERMIT_ISSUED is not one: the
 * sponsor's duty of care and duty to notify run on while the permit does.
 */
const CASE_ENDING_STATUSES: ReadonlySet<ApplicationStatus> = new Set([
  ApplicationStatus.APPLICATION_STATUS_WITHDRAWN,
  ApplicationStatus.APPLICATION_STATUS_REFUSED,
  ApplicationStatus.APPLICATION_STATUS_EXPIRED,
]);

/** A message field holding one optional text field: '' when absent, the text when it has the format. */
const optionalInMessage = (name: string, pattern: RegExp, description: string) =>
  fieldRule((value): string | ReturnType<typeof invalid> => {
    const inner = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[name] : undefined;
    if (inner === undefined || inner === null || inner === '') return '';
    return typeof inner === 'string' && pattern.test(inner) ? inner : invalid(description);
  });

const schema = z.object({
  applicationRef: uuid(),
  subject: optionalInMessage('pseudonym', PSEUDONYM_PATTERN, 'must hold a hub pseudonym'),
  sponsor: optionalInMessage('oin', OIN_PATTERN, 'must hold an OIN: 20 digits'),
});

/**
 * The relations an application status event states, or null when it names no subject (a filing refused before
 * the IND looked the person up). A malformed event is INVALID_ARGUMENT, which sends it to the dead-letter topic
 * with its reason.
 */
export function caseRelationsCommand(event: ApplicationStatusChanged): CaseRelationsCommand | null {
  const parsed = parseRequest(schema, event);
  if (parsed.subject === '') return null;
  return {
    subjectPseudonym: parsed.subject,
    applicationRef: parsed.applicationRef,
    sponsorOin: parsed.sponsor,
    endedBy: CASE_ENDING_STATUSES.has(event.status) ? String(event.status) : null,
  };
}
