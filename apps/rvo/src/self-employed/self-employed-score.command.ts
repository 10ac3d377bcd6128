import type { ScoreSelfEmployedRequest } from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import { countryCode, isoDate, parseRequest, personIdentifier, referenceId } from '@welkom/validation';
import { z } from 'zod';
import { flag, MAX_ADVICE_REFERENCE_CHARS, toSubjectIdentifier, whole } from '../start-up/start-up-advice.command';
import type { SelfEmployedFacts } from './self-employed-score.policy';

export interface ScoreSelfEmployedCommand {
  readonly adviceReference: string;
  /** Whom the score is issued about at the hub. */
  readonly applicant: SubjectIdentifier;
  readonly facts: SelfEmployedFacts;
}

const scoreSchema = z.object({
  adviceReference: referenceId(MAX_ADVICE_REFERENCE_CHARS),
  applicant: personIdentifier('must name the applicant, a person: not a KvK number'),
  scoredOn: isoDate(),
  nationality: countryCode({ description: 'must be an ISO 3166-1 alpha-2 code' }),
  euLongTermResidentElsewhere: flag(),
  highlyEducated: flag(),
  completedStartUpTrajectoryMonths: whole(0, 120),
  // Points above a part's maximum are refused by the rules in force, which know the maximum.
  personalExperiencePoints: whole(0, 300),
  businessPlanPoints: whole(0, 300),
  addedValuePoints: whole(0, 300),
});

export function scoreSelfEmployedCommand(request: ScoreSelfEmployedRequest): ScoreSelfEmployedCommand {
  const input = parseRequest(scoreSchema, request);
  return {
    adviceReference: input.adviceReference,
    applicant: toSubjectIdentifier(input.applicant),
    facts: {
      scoredOn: input.scoredOn,
      nationality: input.nationality,
      euLongTermResidentElsewhere: input.euLongTermResidentElsewhere,
      highlyEducated: input.highlyEducated,
      completedStartUpTrajectoryMonths: input.completedStartUpTrajectoryMonths,
      points: {
        PERSONAL_EXPERIENCE: input.personalExperiencePoints,
        BUSINESS_PLAN: input.businessPlanPoints,
        ADDED_VALUE: input.addedValuePoints,
      },
    },
  };
}
