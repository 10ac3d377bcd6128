import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { type ScoreSelfEmployedResponse, SelfEmployedAdviceOutcome } from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import type { SelfEmployedScoreResult } from './self-employed-score.service';

const OUTCOME = {
  POSITIVE: SelfEmployedAdviceOutcome.SELF_EMPLOYED_ADVICE_OUTCOME_POSITIVE,
  NEGATIVE: SelfEmployedAdviceOutcome.SELF_EMPLOYED_ADVICE_OUTCOME_NEGATIVE,
  EXEMPT: SelfEmployedAdviceOutcome.SELF_EMPLOYED_ADVICE_OUTCOME_EXEMPT,
} as const;

export function toScoreSelfEmployedResponse({ score, alreadyScored }: SelfEmployedScoreResult): ScoreSelfEmployedResponse {
  return {
    adviceReference: score.adviceReference,
    outcome: OUTCOME[score.outcome],
    variant: score.variant ?? '',
    exemptionRoute: score.exemptionRoute ?? '',
    personalExperiencePoints: score.points?.PERSONAL_EXPERIENCE ?? 0,
    businessPlanPoints: score.points?.BUSINESS_PLAN ?? 0,
    addedValuePoints: score.points?.ADDED_VALUE ?? 0,
    totalPoints: score.total ?? 0,
    findings: [...score.findings],
    ruleVersion: score.ruleVersion,
    alreadyScored,
    evidence:
      score.issued === null
        ? undefined
        : {
            evidenceId: score.issued.evidenceId,
            evidenceType: EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
            contentSha256: score.issued.contentSha256,
            schemaVersion: score.issued.schemaVersion,
            // As for a start-up advice: RVO keeps no salted commitment; its own back office sees the issuer's hash.
            contentCommitment: '',
          },
    applicant: score.issued === null ? undefined : { pseudonym: score.issued.applicantPseudonym },
  };
}
