import { Inject, Injectable } from '@nestjs/common';
import type { EvidenceReference } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { SubjectReference } from '@welkom/contracts/generated/welkom/common/v1/subject';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { askRemote } from '@welkom/grpc';
import { HUB_EVIDENCE_SERVICE } from '@welkom/runtime';
import { RVO_CONFIG, type RvoConfig } from '../rvo.config';
import { RvoError } from '../rvo.errors';

/** What the hub holds for an advice RVO issued, and about whom (the pseudonym, never the identifier). */
export interface AcceptedEvidence {
  readonly reference: EvidenceReference;
  readonly subject: SubjectReference;
}

/**
 * The hub's IssueEvidence as RVO uses it for every advice (start-up, self-employed score): the hub's "no" is
 * EVIDENCE_REFUSED_BY_HUB with its field violations, an unreachable hub (or one that answers without a reference)
 * HUB_UNAVAILABLE, so the caller records nothing and may retry; the hub answers a retry with what it stored.
 */
@Injectable()
export class HubEvidenceRepository {
  constructor(
    @Inject(HUB_EVIDENCE_SERVICE) private readonly hub: EvidenceServiceClient,
    @Inject(RVO_CONFIG) private readonly config: Pick<RvoConfig, 'REMOTE_CALL_TIMEOUT_MS'>,
  ) {}

  /** `what` names the advice in the error, e.g. "the advice". */
  async issue(evidence: IssuedEvidence, what: string): Promise<AcceptedEvidence> {
    const answer = await askRemote(this.hub.issueEvidence({ evidence }), this.config.REMOTE_CALL_TIMEOUT_MS, hubUnavailable);
    if (!answer.ok) {
      throw new RvoError('EVIDENCE_REFUSED_BY_HUB', `The hub refused ${what}: ${answer.rejection.message}`, {
        fieldViolations: answer.rejection.fieldViolations,
      });
    }
    const { reference, subject } = answer.value;
    if (!reference || !subject) throw new RvoError('HUB_UNAVAILABLE', 'The hub answered without an evidence reference');
    return { reference, subject };
  }
}

function hubUnavailable(message: string, cause: unknown): RvoError {
  return new RvoError('HUB_UNAVAILABLE', `The hub did not answer: ${message}`, { cause });
}
