import { Inject, Injectable } from '@nestjs/common';
import { TOPICS } from '@welkom/events';
import { ClockRepository, toTimestamp, TransactionRepository } from '@welkom/platform';
import { EVENT_OUTBOX, type EventOutbox } from '@welkom/messaging';
import { auditDraft } from '../audit/audit-chain';
import { AuditTrailRepository } from '../audit/audit-trail.repository';
import { HUB_PARTY_OIN } from '../hub.config';
import { EvidenceRequestRepository } from './evidence-request.repository';

const EXPIRE_PER_TRANSACTION = 500;

/**
 * A pending request that reaches its deadline ends explicitly: status EXPIRED, a request-expired event for
 * the requester and an audit entry, so nobody waits for an answer that is not coming (OOTS request timeouts).
 * `EvidenceRequestExpiryWorker` runs it periodically.
 */
@Injectable()
export class EvidenceRequestExpiryService {
  constructor(
    private readonly requests: EvidenceRequestRepository,
    private readonly audit: AuditTrailRepository,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    @Inject(HUB_PARTY_OIN) private readonly hubOin: string,
  ) {}

  /** Expires what is due, a transaction per few hundred; returns how many expired. */
  async expireDue(): Promise<number> {
    let total = 0;
    for (;;) {
      const now = this.clock.now();
      const expired = await this.transactions.run(async (tx) => {
        const due = await this.requests.expireDue(tx, now, EXPIRE_PER_TRANSACTION);
        for (const request of due) {
          await this.outbox.enqueue(tx, TOPICS.evidenceRequestExpired, {
            requestId: request.id,
            evidenceType: request.evidenceType,
            subject: { pseudonym: request.subjectPseudonym },
            requester: { oin: request.requesterOin, subUnit: request.requesterSubUnit },
            deadline: toTimestamp(request.deadline),
            expiredAt: toTimestamp(now),
          });
        }
        await this.audit.append(
          tx,
          due.map((request) =>
            auditDraft({
              occurredAt: now,
              actorOin: this.hubOin,
              action: 'EVIDENCE_REQUEST_EXPIRED',
              reason: 'DEADLINE_PASSED',
              subjectPseudonym: request.subjectPseudonym,
              evidenceType: request.evidenceType,
              requestId: request.id,
              grantId: request.grantId,
              purpose: request.purpose,
              legalBasis: request.legalBasis,
            }),
          ),
        );
        return due.length;
      });
      total += expired;
      if (expired < EXPIRE_PER_TRANSACTION) return total;
    }
  }
}
