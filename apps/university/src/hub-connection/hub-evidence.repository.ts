import { Inject, Injectable } from '@nestjs/common';
import type { Observable } from 'rxjs';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { IssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type {
  EvidenceServiceClient,
  IssueEvidenceResponse,
  RevokeEvidenceResponse,
} from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { askRemote, type RemoteAnswer } from '@welkom/grpc';
import { UNIVERSITY_CONFIG, type UniversityConfig } from '../university.config';
import { UniversityError } from '../university.errors';
import { HUB_EVIDENCE_SERVICE } from '@welkom/runtime';

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

  issue(evidence: IssuedEvidence): Promise<RemoteAnswer<IssueEvidenceResponse>> {
    return this.call(this.hub.issueEvidence({ evidence }));
  }

  /** Revoking twice is harmless: the hub answers with the evidence as it was revoked the first time. */
  revoke(evidenceType: EvidenceType, sourceReference: string, reason: string): Promise<RemoteAnswer<RevokeEvidenceResponse>> {
    return this.call(this.hub.revokeEvidence({ sourceReference: { evidenceType, sourceReference }, reason }));
  }

  private call<T>(observable: Observable<T>): Promise<RemoteAnswer<T>> {
    return askRemote(
      observable,
      this.config.REMOTE_CALL_TIMEOUT_MS,
      (message, cause) => new UniversityError('HUB_UNAVAILABLE', `The hub did not answer: ${message}`, { cause }),
    );
  }
}
