import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { StartUpAdviceReason } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import { type AssessStartUpResponse, StartUpAdviceOutcome } from '@welkom/contracts/generated/welkom/rvo/v1/point_of_entry';
import type { StartUpAdviceResult } from './start-up-advice.service';

export function toAssessStartUpResponse({ advice, alreadyAssessed }: StartUpAdviceResult): AssessStartUpResponse {
  return {
    adviceReference: advice.adviceReference,
    outcome:
      advice.outcome === 'POSITIVE'
        ? StartUpAdviceOutcome.START_UP_ADVICE_OUTCOME_POSITIVE
        : StartUpAdviceOutcome.START_UP_ADVICE_OUTCOME_NEGATIVE,
    reasons: advice.reasonCodes.map((code) => `START_UP_ADVICE_REASON_${code}` as StartUpAdviceReason),
    innovationTestsMet: [...advice.innovationTestsMet],
    ruleVersion: advice.ruleVersion,
    evidence: {
      evidenceId: advice.evidenceId,
      evidenceType: EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT,
      contentSha256: advice.contentSha256,
      schemaVersion: advice.schemaVersion,
      // RVO does not keep the hub's salted commitment yet (issue 11, leak 3); its own back office, the issuer's,
      // may see the unsalted hash of what RVO itself issued.
      contentCommitment: '',
    },
    founder: { pseudonym: advice.founderPseudonym },
    alreadyAssessed,
  };
}
