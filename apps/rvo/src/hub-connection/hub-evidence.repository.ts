import { Inject, Injectable } from '@nestjs/common';
import { firstValueFrom, timeout } from 'rxjs';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { EvidenceServiceClient, IssueEvidenceResponse } from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { classifyRemoteError, type RemoteRejection } from '@welkom/grpc';
import { HUB_EVIDENCE_SERVICE } from '@welkom/runtime';
import { RVO_CONFIG, type RvoConfig } from '../rvo.config';
import { RvoError } from '../rvo.errors';

export type HubAnswer<T> = { ok: true; value: T } | { ok: false; rejection: RemoteRejection };

/** The hub's IssueEvidence as RVO uses it: the hub's "no" is a value, an unreachable hub an UNAVAILABLE error. */
@Injectable()
export class HubEvidenceRepository {
  constructor(
    @Inject(HUB_EVIDENCE_SERVICE) private readonly hub: EvidenceServiceClient,
    @Inject(RVO_CONFIG) private readonly config: Pick<RvoConfig, 'REMOTE_CALL_TIMEOUT_MS'>,
  ) {}

  async issue(evidence: IssuedEvidence): Promise<HubAnswer<IssueEvidenceResponse>> {
    try {
      return {
        ok: true,
        value: await firstValueFrom(this.hub.issueEvidence({ evidence }).pipe(timeout(this.config.REMOTE_CALL_TIMEOUT_MS))),
      };
    } catch (error: unknown) {
      const classified = classifyRemoteError(error);
      if (classified.transient) throw new RvoError('HUB_UNAVAILABLE', `The hub did not answer: ${classified.message}`, { cause: error });
      return { ok: false, rejection: classified.rejection };
    }
  }
}
