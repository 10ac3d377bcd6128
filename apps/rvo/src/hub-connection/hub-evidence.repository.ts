import { Inject, Injectable } from '@nestjs/common';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { EvidenceServiceClient, IssueEvidenceResponse } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { askRemote, type RemoteAnswer } from '@welkom/grpc';
import { HUB_EVIDENCE_SERVICE } from '@welkom/runtime';
import { RVO_CONFIG, type RvoConfig } from '../rvo.config';
import { RvoError } from '../rvo.errors';

/** The hub's IssueEvidence as RVO uses it: the hub's "no" is a value, an unreachable hub an UNAVAILABLE error. */
@Injectable()
export class HubEvidenceRepository {
  constructor(
    @Inject(HUB_EVIDENCE_SERVICE) private readonly hub: EvidenceServiceClient,
    @Inject(RVO_CONFIG) private readonly config: Pick<RvoConfig, 'REMOTE_CALL_TIMEOUT_MS'>,
  ) {}

  issue(evidence: IssuedEvidence): Promise<RemoteAnswer<IssueEvidenceResponse>> {
    return askRemote(this.hub.issueEvidence({ evidence }), this.config.REMOTE_CALL_TIMEOUT_MS, hubUnavailable);
  }
}

function hubUnavailable(message: string, cause: unknown): RvoError {
  return new RvoError('HUB_UNAVAILABLE', `The hub did not answer: ${message}`, { cause });
}
