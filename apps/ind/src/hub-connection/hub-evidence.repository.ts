import { Inject, Injectable } from '@nestjs/common';
import { firstValueFrom, type Observable, timeout } from 'rxjs';
import type { Timestamp } from '@welkom/contracts/generated/google/protobuf/timestamp';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import {
  type DisclosedEvidence,
  EvidenceRequestStatus,
  type EvidenceQuestion,
  type EvidenceServiceClient,
} from '@welkom/contracts/generated/welkom/hub/v1/evidence_exchange';
import { classifyRemoteError } from '@welkom/grpc';
import { fromTimestamp } from '@welkom/platform';
import { IndError } from '../ind.errors';
import type { EvidenceLookup } from '../assessment/case-assessment';
import { IND_CONFIG, type IndConfig } from '../ind.config';
import type { EvidenceRequestPurpose } from '../reference-data/evidence-request.reference';
import { toDecisionEvidence } from './disclosed-evidence.mapper';
import { HUB_EVIDENCE_SERVICE } from '@welkom/runtime';

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

  /**
   * Asks for the newest valid evidence of a type about the person, for the purpose and legal basis given.
   * `sourceOin` names the source the hub routes the request to if it must wait ('' lets the hub route it).
   */
  async request(
    subject: SubjectIdentifier,
    evidenceType: EvidenceType,
    purpose: EvidenceRequestPurpose,
    sourceOin = '',
    question?: EvidenceQuestion,
  ): Promise<EvidenceLookup> {
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
        sourceOin,
        question,
      }),
    );
    if ('refused' in answer) return answer.refused;
    if (answer.value.evidence) return disclosedLookup(answer.value.evidence);
    const pending = answer.value.pending;
    if (!pending) throw new IndError('HUB_UNAVAILABLE', 'The hub answered neither evidence nor a pending request');
    return {
      kind: 'pending',
      requestId: pending.requestId,
      requestedAt: instantOrNow(pending.requestedAt),
      deadline: instantOrNow(pending.deadline),
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
            requestedAt: instantOrNow(request.requestedAt),
            deadline: instantOrNow(request.deadline),
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
      // A hub that is down (or the way to it) says nothing about the request: the IND retries later instead of
      // recording an answer it never got. A refusal is an answer.
      const classified = classifyRemoteError(error);
      if (classified.transient) {
        throw new IndError('HUB_UNAVAILABLE', `The hub did not answer: ${classified.message}`, { cause: error });
      }
      const { reason, message } = classified.rejection;
      return { refused: { kind: 'refused', reason, message } };
    }
  }
}

/**
 * A pending request's time as the hub sent it, or now when it sent none or a malformed one (outside the
 * protobuf range): the IND records and shows it, but decides nothing by it.
 */
function instantOrNow(timestamp: Timestamp | undefined): Date {
  const instant = fromTimestamp(timestamp);
  return instant instanceof Date ? instant : new Date();
}

function disclosedLookup(disclosed: DisclosedEvidence): EvidenceLookup {
  const evidence = toDecisionEvidence(disclosed);
  if (!evidence) return { kind: 'refused', reason: 'UNREADABLE_EVIDENCE', message: 'The hub disclosed evidence the IND cannot read' };
  return { kind: 'disclosed', evidence, subjectPseudonym: disclosed.subject?.pseudonym ?? '' };
}
