import {
  type PushEvidenceBatchResponse,
  type PushEvidenceResponse,
  PushOutcome,
} from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { DomainError } from '@welkom/errors';
import type { PushItemOutcome } from './evidence-push.service';

/** A single push answers with the result, or with the rejection as an error (the hub's status, reason, fields). */
export function singleResult([{ result, code }]: readonly PushItemOutcome[]): PushEvidenceResponse {
  if (result.outcome === PushOutcome.PUSH_OUTCOME_REJECTED) {
    throw new DomainError(code ?? 'FAILED_PRECONDITION', result.rejectionMessage || result.rejectionReason, {
      reason: result.rejectionReason,
      fieldViolations: result.fieldViolations,
    });
  }
  return { result };
}

/** A batch answers every item, in order, with counts. */
export function batchResponse(outcomes: readonly PushItemOutcome[]): PushEvidenceBatchResponse {
  const results = outcomes.map((outcome) => outcome.result);
  const rejected = results.filter((result) => result.outcome === PushOutcome.PUSH_OUTCOME_REJECTED).length;
  return { results, accepted: results.length - rejected, rejected };
}
