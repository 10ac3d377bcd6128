import { Inject, Injectable, Logger } from '@nestjs/common';
import { type PushResult, PushOutcome } from '@welkom/contracts/generated/welkom/university/v1/international_office';
import { type DomainErrorCode, isDomainError } from '@welkom/errors';
import { ClockRepository } from '@welkom/platform';
import { HubEvidenceRepository } from '../hub-connection/hub-evidence.repository';
import { UNIVERSITY_CONFIG, type UniversityConfig } from '../university.config';
import type { PushItemCommand } from './evidence-push.command';
import { PushedEvidenceRepository } from './pushed-evidence.repository';

/** The result of one item, with the status a single push answers a rejection with. */
export interface PushItemOutcome {
  result: PushResult;
  code?: DomainErrorCode;
}

/**
 * Pushes the office's facts into the hub, where each becomes verified evidence (IssueEvidence). One use case
 * for a single item and a batch: each item is one IssueEvidence call, which the hub applies completely or not
 * at all, so a batch never half-applies an item; items are independent, so one rejection stops nothing else.
 * Pushing an item again is safe (the hub returns what it stored), which is how a batch is resumed after a
 * failure: resend it, and the items already in the hub come back ALREADY_ACCEPTED.
 */
@Injectable()
export class EvidencePushService {
  private readonly logger = new Logger(EvidencePushService.name);

  constructor(
    private readonly hub: HubEvidenceRepository,
    private readonly pushed: PushedEvidenceRepository,
    private readonly clock: ClockRepository,
    @Inject(UNIVERSITY_CONFIG) private readonly config: Pick<UniversityConfig, 'PUSH_CONCURRENCY'>,
  ) {}

  /** One result per item, in order. */
  async push(items: readonly PushItemCommand[]): Promise<PushItemOutcome[]> {
    const results: PushItemOutcome[] = new Array<PushItemOutcome>(items.length);
    let next = 0;
    const lane = async (): Promise<void> => {
      while (next < items.length) {
        const index = next;
        next += 1;
        results[index] = await this.pushOne(items[index]);
      }
    };
    await Promise.all(Array.from({ length: Math.min(this.config.PUSH_CONCURRENCY, items.length) }, lane));
    return results;
  }

  private async pushOne(item: PushItemCommand): Promise<PushItemOutcome> {
    if (!item.valid) {
      return rejected(item.itemReference, 'INVALID_ARGUMENT', 'INVALID_REQUEST', 'The item is not valid', item.violations);
    }
    try {
      const answer = await this.hub.issue({
        subject: item.subject,
        evidenceType: item.evidenceType,
        payload: item.payload,
        issuedAt: item.issuedAt,
        validUntil: item.validUntil,
        sourceReference: item.itemReference,
        subUnit: '',
      });
      if (!answer.ok) {
        const { rejection } = answer;
        return rejected(
          item.itemReference,
          rejection.code,
          rejection.reason,
          rejection.message,
          rejection.fieldViolations.map(withoutEvidencePrefix),
        );
      }
      const { reference, subject, alreadyIssued, completedRequests } = answer.value;
      if (!reference || !subject)
        return rejected(item.itemReference, 'UNAVAILABLE', 'HUB_UNAVAILABLE', 'The hub answered without a reference', []);
      await this.pushed.record({
        evidenceType: item.evidenceType,
        itemReference: item.itemReference,
        evidenceId: reference.evidenceId,
        subjectPseudonym: subject.pseudonym,
        contentSha256: reference.contentSha256,
        contentCommitment: reference.contentCommitment,
        schemaVersion: reference.schemaVersion,
        pushedAt: this.clock.now(),
        revokedAt: null,
        revocationReason: null,
      });
      return {
        result: {
          itemReference: item.itemReference,
          outcome: alreadyIssued ? PushOutcome.PUSH_OUTCOME_ALREADY_ACCEPTED : PushOutcome.PUSH_OUTCOME_ACCEPTED,
          evidence: reference,
          subject,
          completedRequests,
          rejectionReason: '',
          rejectionMessage: '',
          fieldViolations: [],
          retryable: false,
        },
      };
    } catch (error: unknown) {
      // The hub or our database could not be reached: pushing the item again is safe and may succeed.
      this.logger.warn(`Item ${item.itemReference} not confirmed: ${(error as Error).message}`);
      const reason = isDomainError(error) ? error.reason : 'UNAVAILABLE';
      return rejected(item.itemReference, 'UNAVAILABLE', reason, (error as Error).message, []);
    }
  }
}

/** The hub names fields inside IssueEvidenceRequest ("evidence.payload.…"); the office knows its item. */
function withoutEvidencePrefix(violation: { field: string; description: string }): { field: string; description: string } {
  return { ...violation, field: violation.field.replace(/^evidence\./, '') };
}

function rejected(
  itemReference: string,
  code: DomainErrorCode,
  reason: string,
  message: string,
  fieldViolations: { field: string; description: string }[],
): PushItemOutcome {
  return {
    code,
    result: {
      itemReference,
      outcome: PushOutcome.PUSH_OUTCOME_REJECTED,
      evidence: undefined,
      subject: undefined,
      completedRequests: 0,
      rejectionReason: reason,
      rejectionMessage: message,
      fieldViolations,
      // Only an unreachable hub (or database) leaves the item undecided: pushing it again may succeed.
      retryable: code === 'UNAVAILABLE',
    },
  };
}
