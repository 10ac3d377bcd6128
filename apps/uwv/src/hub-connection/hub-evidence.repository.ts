import { Inject, Injectable } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type {
  EvidenceServiceClient,
  IssueEvidenceResponse,
  OpenEvidenceRequest,
  RevokeEvidenceResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { askRemote, type RemoteAnswer } from '@welkom/grpc';
import { HUB_EVIDENCE_SERVICE } from '@welkom/runtime';
import { UWV_CONFIG, type UwvConfig } from '../uwv.config';
import { UwvError } from '../uwv.errors';

/** The hub's evidence exchange as UWV, an authoritative source, uses it: the hub's "no" is a value. */
@Injectable()
export class HubEvidenceRepository {
  constructor(
    @Inject(HUB_EVIDENCE_SERVICE) private readonly hub: EvidenceServiceClient,
    @Inject(UWV_CONFIG) private readonly config: Pick<UwvConfig, 'REMOTE_CALL_TIMEOUT_MS'>,
  ) {}

  /** The pending requests the hub routed to UWV. */
  async openRequests(pageSize: number): Promise<OpenEvidenceRequest[]> {
    const answer = await this.call(this.hub.listOpenEvidenceRequests({ pageSize }));
    if (!answer.ok) throw new UwvError('HUB_UNAVAILABLE', `The hub refused to list open requests: ${answer.rejection.reason}`);
    return answer.value.requests ?? [];
  }

  issue(evidence: IssuedEvidence): Promise<RemoteAnswer<IssueEvidenceResponse>> {
    return this.call(this.hub.issueEvidence({ evidence }));
  }

  revoke(evidenceId: string, reason: string): Promise<RemoteAnswer<RevokeEvidenceResponse>> {
    return this.call(this.hub.revokeEvidence({ evidenceId, reason }));
  }

  private call<T>(observable: Observable<T>): Promise<RemoteAnswer<T>> {
    return askRemote(
      observable,
      this.config.REMOTE_CALL_TIMEOUT_MS,
      (message, cause) => new UwvError('HUB_UNAVAILABLE', `The hub did not answer: ${message}`, { cause }),
    );
  }
}
