import { Inject, Injectable } from '@nestjs/common';
import { firstValueFrom, timeout } from 'rxjs';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type {
  EvidenceServiceClient,
  IssueEvidenceResponse,
  RevokeEvidenceResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { classifyRemoteError, type RemoteRejection } from '@welkom/grpc';
import { UNIVERSITY_CONFIG, type UniversityConfig } from '../university.config';
import { UniversityError } from '../university.errors';
import { HUB_EVIDENCE_SERVICE } from '@welkom/runtime';

export type HubAnswer<T> = { ok: true; value: T } | { ok: false; rejection: RemoteRejection };

/**
 * The hub's once-only API as the university uses it (a side effect behind a repository): the hub's "no" is a
 * value; an unreachable hub is an error (UNAVAILABLE), because nothing was decided.
 */
@Injectable()
export class HubEvidenceRepository {
  constructor(
    @Inject(HUB_EVIDENCE_SERVICE) private readonly hub: EvidenceServiceClient,
    @Inject(UNIVERSITY_CONFIG) private readonly config: Pick<UniversityConfig, 'REMOTE_CALL_TIMEOUT_MS'>,
  ) {}

  issue(evidence: IssuedEvidence): Promise<HubAnswer<IssueEvidenceResponse>> {
    return this.call(() => this.hub.issueEvidence({ evidence }));
  }

  /** Revoking twice is harmless: the hub answers with the evidence as it was revoked the first time. */
  revoke(evidenceType: EvidenceType, sourceReference: string, reason: string): Promise<HubAnswer<RevokeEvidenceResponse>> {
    return this.call(() => this.hub.revokeEvidence({ sourceReference: { evidenceType, sourceReference }, reason }));
  }

  private async call<T>(send: () => import('rxjs').Observable<T>): Promise<HubAnswer<T>> {
    try {
      return { ok: true, value: await firstValueFrom(send().pipe(timeout(this.config.REMOTE_CALL_TIMEOUT_MS))) };
    } catch (error: unknown) {
      const classified = classifyRemoteError(error);
      if (classified.transient)
        throw new UniversityError('HUB_UNAVAILABLE', `The hub did not answer: ${classified.message}`, { cause: error });
      return { ok: false, rejection: classified.rejection };
    }
  }
}
