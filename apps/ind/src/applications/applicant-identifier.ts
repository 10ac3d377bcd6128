import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { FieldViolation } from '@welkom/errors';

/**
 * Whom an application is for, as the sponsor named the person. The IND keeps it in its own case file (it
 * needs it to ask the hub); events only ever carry the hub's pseudonym.
 */
export type ApplicantIdentifier =
  | { kind: 'bsn'; value: string }
  | { kind: 'v-number'; value: string }
  | { kind: 'passport'; number: string; issuingCountry: string }
  | { kind: 'pseudonym'; value: string };

const PATTERNS = {
  bsn: /^[0-9]{9}$/,
  vNumber: /^[0-9A-Za-z]{1,20}$/,
  passportNumber: /^[0-9A-Za-z]{1,9}$/,
  country: /^[A-Z]{2}$/,
  pseudonym: /^subj_[a-z2-7]{52}$/,
};

/**
 * Checks the shape of the one identifier (the hub checks the rest, e.g. the BSN 11-check). Works on the
 * ts-proto message (Kafka) and on proto-loader's object, where unset members are null.
 */
export function parseApplicant(
  input: SubjectIdentifier | null | undefined,
  field: string,
): { applicant?: ApplicantIdentifier; violations: FieldViolation[] } {
  const present = (['bsn', 'vNumber', 'passport', 'kvkNumber', 'pseudonym'] as const).filter(
    (member) => input?.[member] !== undefined && input?.[member] !== null,
  );
  const fail = (path: string, description: string) => ({ violations: [{ field: path, description }] });
  if (!input || present.length === 0) return fail(field, 'is required: one of bsn, v_number, passport, pseudonym');
  if (present.length > 1) return fail(field, 'must hold exactly one identifier');
  switch (present[0]) {
    case 'bsn':
      return PATTERNS.bsn.test(String(input.bsn)) ? { applicant: { kind: 'bsn', value: String(input.bsn) }, violations: [] } : fail(`${field}.bsn`, 'must be 9 digits');
    case 'vNumber':
      return PATTERNS.vNumber.test(String(input.vNumber))
        ? { applicant: { kind: 'v-number', value: String(input.vNumber).toUpperCase() }, violations: [] }
        : fail(`${field}.v_number`, 'must be 1-20 letters or digits');
    case 'passport': {
      const number = String(input.passport?.number ?? '');
      const issuingCountry = String(input.passport?.issuingCountry ?? '');
      const violations: FieldViolation[] = [];
      if (!PATTERNS.passportNumber.test(number)) violations.push({ field: `${field}.passport.number`, description: 'must be 1-9 letters or digits' });
      if (!PATTERNS.country.test(issuingCountry)) violations.push({ field: `${field}.passport.issuing_country`, description: 'must be an ISO 3166-1 alpha-2 code' });
      return violations.length > 0 ? { violations } : { applicant: { kind: 'passport', number: number.toUpperCase(), issuingCountry }, violations: [] };
    }
    case 'kvkNumber':
      return fail(`${field}.kvk_number`, 'names an organisation; an application is for a person');
    case 'pseudonym':
      return PATTERNS.pseudonym.test(String(input.pseudonym))
        ? { applicant: { kind: 'pseudonym', value: String(input.pseudonym) }, violations: [] }
        : fail(`${field}.pseudonym`, 'is not a hub pseudonym ("subj_" + 52 base32 characters)');
  }
}

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
