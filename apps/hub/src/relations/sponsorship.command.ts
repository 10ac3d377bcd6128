import type { ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { fieldRule, invalid, OIN_PATTERN, parseRequest, PSEUDONYM_PATTERN, uuid } from '@welkom/validation';
import { z } from 'zod';

/** A sponsorship as the IND's status event states it: this sponsor filed this case about this subject. */
export interface RecordSponsorshipCommand {
  sponsorOin: string;
  subjectPseudonym: string;
  applicationRef: string;
}

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
 * The sponsorship an application status event states, or null when it states none (a filing refused before
 * the IND looked the person up has no subject; the applicant's own channel has no sponsor). A malformed event
 * is INVALID_ARGUMENT, which sends it to the dead-letter topic with its reason.
 */
export function recordSponsorshipCommand(event: ApplicationStatusChanged): RecordSponsorshipCommand | null {
  const parsed = parseRequest(schema, event);
  if (parsed.subject === '' || parsed.sponsor === '') return null;
  return { sponsorOin: parsed.sponsor, subjectPseudonym: parsed.subject, applicationRef: parsed.applicationRef };
}
