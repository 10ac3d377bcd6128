import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { AssessStartUpRequest } from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import {
  fieldRule,
  invalid,
  isoDate,
  KVK_NUMBER_PATTERN,
  message,
  parseRequest,
  personIdentifier,
  referenceId,
  text,
  type PersonId,
} from '@welkom/validation';
import { z } from 'zod';
import type { InnovationFacts } from './innovation.policy';
import type { StartUpFacts } from './start-up-assessment.policy';

export const MAX_ADVICE_REFERENCE_CHARS = 128;

export interface AssessStartUpCommand {
  readonly adviceReference: string;
  readonly founder: SubjectIdentifier;
  readonly facilitatorKvkNumber: string;
  readonly facilitatorName: string;
  readonly facts: StartUpFacts;
}

export const flag = () => fieldRule((value) => (typeof value === 'boolean' ? value : invalid('must be true or false')));
export const whole = (min: number, max: number) =>
  fieldRule((value) =>
    Number.isInteger(value) && (value as number) >= min && (value as number) <= max
      ? (value as number)
      : invalid(`must be a whole number from ${min} to ${max}`),
  );

/** The three innovation tests as the assessor judged them (InnovationJudgement), for start-ups and essential personnel alike. */
export const innovationJudgement = () => message({ newToTheNetherlands: flag(), newTechnology: flag(), newOrganisationalApproach: flag() });

export function toInnovationFacts(judgement: {
  newToTheNetherlands: boolean;
  newTechnology: boolean;
  newOrganisationalApproach: boolean;
}): InnovationFacts {
  return {
    NEW_TO_THE_NETHERLANDS: judgement.newToTheNetherlands,
    NEW_TECHNOLOGY: judgement.newTechnology,
    NEW_ORGANISATIONAL_APPROACH: judgement.newOrganisationalApproach,
  };
}

const assessSchema = z.object({
  adviceReference: referenceId(MAX_ADVICE_REFERENCE_CHARS),
  founder: personIdentifier('must name the founder, a person: not a KvK number'),
  assessedOn: isoDate(),
  innovation: innovationJudgement(),
  hasStepPlan: flag(),
  founderRegisteredInKvk: flag(),
  facilitator: message({
    kvkNumber: text({ maxChars: 8, pattern: KVK_NUMBER_PATTERN, patternDescription: 'must be 8 digits' }),
    name: text({ maxChars: 200 }),
    registeredInKvk: flag(),
    hasStartUpGuidanceExperience: flag(),
    bankrupt: flag(),
    negativeEquity: flag(),
    interestInStartUpBasisPoints: whole(0, 10_000),
    kinshipDegreeToFounder: whole(0, 9),
  }),
});

/** The identifier as the hub's contract spells it. */
export function toSubjectIdentifier(person: PersonId): SubjectIdentifier {
  switch (person.kind) {
    case 'bsn':
      return { bsn: person.value };
    case 'v-number':
      return { vNumber: person.value };
    case 'passport':
      return { passport: { number: person.number, issuingCountry: person.issuingCountry } };
    case 'pseudonym':
      return { pseudonym: person.value };
  }
}

/** The assessor's request as facts for the policy; every field problem reported at once (INVALID_ARGUMENT). */
export function assessStartUpCommand(request: AssessStartUpRequest): AssessStartUpCommand {
  const input = parseRequest(assessSchema, request);
  const { facilitator } = input;
  return {
    adviceReference: input.adviceReference,
    founder: toSubjectIdentifier(input.founder),
    facilitatorKvkNumber: facilitator.kvkNumber,
    facilitatorName: facilitator.name,
    facts: {
      assessedOn: input.assessedOn,
      innovation: toInnovationFacts(input.innovation),
      hasStepPlan: input.hasStepPlan,
      founderRegisteredInKvk: input.founderRegisteredInKvk,
      facilitator: {
        registeredInKvk: facilitator.registeredInKvk,
        hasStartUpGuidanceExperience: facilitator.hasStartUpGuidanceExperience,
        bankrupt: facilitator.bankrupt,
        negativeEquity: facilitator.negativeEquity,
        interestInStartUpPercent: facilitator.interestInStartUpBasisPoints / 100,
        kinshipDegreeToFounder: facilitator.kinshipDegreeToFounder === 0 ? null : facilitator.kinshipDegreeToFounder,
      },
    },
  };
}
