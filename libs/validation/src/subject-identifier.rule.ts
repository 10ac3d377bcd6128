import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { z } from 'zod';
import { fieldRule, type Invalid, invalid, invalidAll } from './field-rule';
import {
  COUNTRY_CODE_PATTERN,
  isValidBsn,
  KVK_NUMBER_PATTERN,
  PASSPORT_NUMBER_PATTERN,
  PSEUDONYM_PATTERN,
  V_NUMBER_PATTERN,
} from './field-rules';

/** A checked subject identifier, as the caller named the person (or organisation). */
export type SubjectId =
  | { kind: 'bsn'; value: string }
  | { kind: 'v-number'; value: string }
  | { kind: 'passport'; number: string; issuingCountry: string }
  | { kind: 'kvk'; value: string }
  | { kind: 'pseudonym'; value: string };

export type PersonId = Exclude<SubjectId, { kind: 'kvk' }>;

const MEMBERS = ['bsn', 'vNumber', 'passport', 'kvkNumber', 'pseudonym'] as const;

function checkSubjectIdentifier(value: unknown, organisationRefusal: string | undefined): SubjectId | Invalid {
  const input = value as SubjectIdentifier | null | undefined;
  const present = MEMBERS.filter((member) => input?.[member] !== undefined && input?.[member] !== null);
  if (!input || present.length === 0) {
    return invalid(`is required: one of bsn, v_number, passport, ${organisationRefusal === undefined ? 'kvk_number, ' : ''}pseudonym`);
  }
  if (present.length > 1) return invalid('must hold exactly one identifier');
  switch (present[0]) {
    case 'bsn': {
      const bsn = String(input.bsn);
      return isValidBsn(bsn) ? { kind: 'bsn', value: bsn } : invalid('is not a BSN (9 digits passing the 11-check)', ['bsn']);
    }
    case 'vNumber': {
      const vNumber = String(input.vNumber);
      if (!V_NUMBER_PATTERN.test(vNumber)) return invalid('must be 1-20 letters or digits', ['v_number']);
      return { kind: 'v-number', value: vNumber.toUpperCase() };
    }
    case 'passport': {
      const number = String(input.passport?.number ?? '');
      const issuingCountry = String(input.passport?.issuingCountry ?? '');
      const violations = [
        ...(PASSPORT_NUMBER_PATTERN.test(number) ? [] : [{ path: ['passport', 'number'], description: 'must be 1-9 letters or digits' }]),
        ...(COUNTRY_CODE_PATTERN.test(issuingCountry)
          ? []
          : [{ path: ['passport', 'issuing_country'], description: 'must be an ISO 3166-1 alpha-2 code, e.g. KE' }]),
      ];
      return violations.length > 0 ? invalidAll(violations) : { kind: 'passport', number: number.toUpperCase(), issuingCountry };
    }
    case 'kvkNumber': {
      if (organisationRefusal !== undefined) return invalid(organisationRefusal, ['kvk_number']);
      const kvkNumber = String(input.kvkNumber);
      return KVK_NUMBER_PATTERN.test(kvkNumber) ? { kind: 'kvk', value: kvkNumber } : invalid('must be 8 digits', ['kvk_number']);
    }
    case 'pseudonym': {
      const pseudonym = String(input.pseudonym);
      return PSEUDONYM_PATTERN.test(pseudonym)
        ? { kind: 'pseudonym', value: pseudonym }
        : invalid('must be "subj_" followed by 52 base32 characters, as the hub issues them', ['pseudonym']);
    }
  }
}

/**
 * The one identifier a `welkom.evidence.v1.SubjectIdentifier` must hold, checked by the shared formats (BSN
 * with its 11-check, V-number, passport with its issuing country, KvK number, hub pseudonym). Works on both
 * shapes services receive: the ts-proto message (Kafka) and proto-loader's object, where unset members are
 * null and a virtual field names the oneof member (gRPC). V-numbers and passport numbers come out upper case.
 */
export function subjectIdentifier(): z.ZodType<SubjectId, unknown> {
  return fieldRule((value) => checkSubjectIdentifier(value, undefined));
}

/** The same for a person only: a KvK number is refused with `organisationRefusal`. */
export function personIdentifier(organisationRefusal: string): z.ZodType<PersonId, unknown> {
  return fieldRule((value) => checkSubjectIdentifier(value, organisationRefusal) as PersonId | Invalid);
}
