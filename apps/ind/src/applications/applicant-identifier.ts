import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import { type PersonId, personIdentifier } from '@welkom/validation';

/**
 * Whom an application is for, as the sponsor named the person. The IND keeps it in its own case file (it
 * needs it to ask the hub); events only ever carry the hub's pseudonym.
 */
export type ApplicantIdentifier = PersonId;

/** The one identifier an application names, by the shared formats; the hub checks whether the person is known. */
export const applicantIdentifier = personIdentifier('names an organisation; an application is for a person');

/** The identifier as the hub's contract spells it. */
export function toSubjectIdentifier(applicant: ApplicantIdentifier): SubjectIdentifier {
  switch (applicant.kind) {
    case 'bsn':
      return { bsn: applicant.value };
    case 'v-number':
      return { vNumber: applicant.value };
    case 'passport':
      return { passport: { number: applicant.number, issuingCountry: applicant.issuingCountry } };
    case 'pseudonym':
      return { pseudonym: applicant.value };
  }
}
