import { Inject, Injectable } from '@nestjs/common';
import { firstValueFrom, type Observable, timeout } from 'rxjs';
import { status as GrpcStatus } from '@grpc/grpc-js';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import {
  type DisclosedEvidence,
  EvidenceRequestStatus,
  type EvidenceServiceClient,
} from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { decodeGrpcError } from '@welkom/grpc';
import { IndError } from '../applications/application.errors';
import type { EvidenceLookup } from '../assessment/case-assessment';
import { IND_CONFIG, type IndConfig } from '../ind.config';
import { fromTimestamp } from '../platform/timestamp.mapper';
import type { EvidenceRequestPurpose } from '../reference-data/evidence-request.reference';
import { toDecisionEvidence } from './disclosed-evidence.mapper';
import { HUB_EVIDENCE_SERVICE } from '@welkom/runtime';

// Failures that say nothing about the request itself: the hub (or the way to it) is down. The IND retries
// later instead of recording an answer it never got.
const TRANSIENT = new Set<number>([
  GrpcStatus.UNAVAILABLE,
  GrpcStatus.DEADLINE_EXCEEDED,
  GrpcStatus.INTERNAL,
  GrpcStatus.UNKNOWN,
  GrpcStatus.CANCELLED,
  GrpcStatus.RESOURCE_EXHAUSTED,
  GrpcStatus.ABORTED,
]);

export type RequestState =
  | { state: 'PENDING'; lookup: Extract<EvidenceLookup, { kind: 'pending' }> }
  | { state: 'COMPLETED'; lookup: EvidenceLookup }
  | { state: 'EXPIRED' | 'GONE' };

/** The hub's once-only API as the IND uses it: a side effect behind a repository, answers as values. */
@Injectable()
export class HubEvidenceRepository {
  private readonly timeoutMs: number;

  constructor(
    @Inject(HUB_EVIDENCE_SERVICE) private readonly hub: EvidenceServiceClient,
    @Inject(IND_CONFIG) config: Pick<IndConfig, 'HUB_CALL_TIMEOUT_MS'>,
  ) {
    this.timeoutMs = config.HUB_CALL_TIMEOUT_MS;
  }

  /** Asks for the newest valid evidence of a type about the person, for the purpose and legal basis given. */
  async request(subject: SubjectIdentifier, evidenceType: EvidenceType, purpose: EvidenceRequestPurpose): Promise<EvidenceLookup> {
    const answer = await this.call(
      this.hub.requestEvidence({
        subject,
        evidenceType,
        purpose: purpose.purpose,
        legalBasis: purpose.legalBasis,
        explicitRequestByPerson: false,
        subUnit: '',
        responseTimeout: undefined,
        evidenceId: '',
      }),
    );
    if ('refused' in answer) return answer.refused;
    if (answer.value.evidence) return disclosedLookup(answer.value.evidence);
    const pending = answer.value.pending;
    if (!pending) throw new IndError('HUB_UNAVAILABLE', 'The hub answered neither evidence nor a pending request');
    return {
      kind: 'pending',
      requestId: pending.requestId,
      requestedAt: fromTimestamp(pending.requestedAt) ?? new Date(),
      deadline: fromTimestamp(pending.deadline) ?? new Date(),
      subjectPseudonym: pending.subject?.pseudonym ?? '',
    };
  }

  /**
   * Where one of our pending requests stands at the hub: still waiting, answered (with the disclosed
   * evidence), expired, or gone. Asking costs nothing in the audit trail until there is an answer to disclose.
   */
  async requestState(requestId: string): Promise<RequestState> {
    const answer = await this.call(this.hub.getEvidenceRequest({ requestId }));
    if ('refused' in answer) return { state: 'GONE' };
    const { request, evidence } = answer.value;
    switch (request?.status) {
      case EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_PENDING:
        return {
          state: 'PENDING',
          lookup: {
            kind: 'pending',
            requestId,
            requestedAt: fromTimestamp(request.requestedAt) ?? new Date(),
            deadline: fromTimestamp(request.deadline) ?? new Date(),
            subjectPseudonym: request.subject?.pseudonym ?? '',
          },
        };
      case EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_COMPLETED:
        return evidence ? { state: 'COMPLETED', lookup: disclosedLookup(evidence) } : { state: 'GONE' };
      case EvidenceRequestStatus.EVIDENCE_REQUEST_STATUS_EXPIRED:
        return { state: 'EXPIRED' };
      default:
        return { state: 'GONE' };
    }
  }

  private async call<T>(observable: Observable<T>): Promise<{ value: T } | { refused: Extract<EvidenceLookup, { kind: 'refused' }> }> {
    try {
      return { value: await firstValueFrom(observable.pipe(timeout(this.timeoutMs))) };
    } catch (error: unknown) {
      const grpcError = error as { code?: number; details?: string; metadata?: never; name?: string };
      if (typeof grpcError?.code !== 'number' || TRANSIENT.has(grpcError.code)) {
        throw new IndError('HUB_UNAVAILABLE', `The hub did not answer: ${(error as Error)?.message ?? String(error)}`, { cause: error });
      }
      const decoded = decodeGrpcError(grpcError);
      return { refused: { kind: 'refused', reason: decoded.reason ?? GrpcStatus[decoded.code] ?? String(decoded.code), message: decoded.message } };
    }
  }
}

function disclosedLookup(disclosed: DisclosedEvidence): EvidenceLookup {
  const evidence = toDecisionEvidence(disclosed);
  if (!evidence) return { kind: 'refused', reason: 'UNREADABLE_EVIDENCE', message: 'The hub disclosed evidence the IND cannot read' };
  return { kind: 'disclosed', evidence, subjectPseudonym: disclosed.subject?.pseudonym ?? '' };
}
