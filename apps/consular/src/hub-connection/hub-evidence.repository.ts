import { Inject, Injectable } from '@nestjs/common';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { EvidenceServiceClient } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { askRemote } from '@welkom/grpc';
import { HUB_EVIDENCE_SERVICE } from '@welkom/runtime';
import { CONSULAR_CONFIG, type ConsularConfig } from '../consular.config';
import { ConsularError } from '../consular.errors';

/**
 * The hub's IssueEvidence as the consular service uses it (a side effect behind a repository). Issuing the same
 * source reference again returns the evidence stored the first time, so a retried capture issues nothing twice.
 */
@Injectable()
export class HubEvidenceRepository {
  constructor(
    @Inject(HUB_EVIDENCE_SERVICE) private readonly hub: EvidenceServiceClient,
    @Inject(CONSULAR_CONFIG) private readonly config: Pick<ConsularConfig, 'REMOTE_CALL_TIMEOUT_MS'>,
  ) {}

  /** The hub's evidence id; a refusal is FAILED_PRECONDITION, an unreachable hub UNAVAILABLE. */
  async issue(evidence: IssuedEvidence): Promise<string> {
    const answer = await askRemote(
      this.hub.issueEvidence({ evidence }),
      this.config.REMOTE_CALL_TIMEOUT_MS,
      (message, cause) => new ConsularError('HUB_UNAVAILABLE', `The hub did not answer: ${message}`, { cause }),
    );
    if (!answer.ok) {
      throw new ConsularError(
        'HUB_REFUSED_EVIDENCE',
        `The hub refused the evidence: ${answer.rejection.reason} ${answer.rejection.message}`,
      );
    }
    return answer.value.reference?.evidenceId ?? '';
  }
}
