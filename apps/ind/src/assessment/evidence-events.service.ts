import { Inject, Injectable } from '@nestjs/common';
import type {
  EvidenceRequestCompleted,
  EvidenceRequestExpired,
  EvidenceVerified,
} from '@welkom/contracts/generated/welkom/evidence/v1/evidence_events';
import { ClockRepository, IdRepository, TransactionRepository } from '@welkom/platform';
import { ApplicationRepository } from '../applications/application.repository';
import { EvidenceRequestRepository } from '../applications/evidence-request.repository';
import { IND_PARTY_OIN } from '../ind.config';
import { AssessmentWorker } from './assessment.worker';
import { evidenceNeeded } from './case-assessment';

/**
 * Resumes waiting cases on the hub's events. Each handler only records what the hub said and flags the case
 * in one transaction; the worker does the assessing. Flagging is idempotent (a second copy of an event flags
 * a flagged case), so these handlers need no inbox row per event, which matters for evidence.verified: the
 * IND sees every verification in the chain and acts on few.
 */
@Injectable()
export class EvidenceEventsService {
  constructor(
    private readonly applications: ApplicationRepository,
    private readonly requests: EvidenceRequestRepository,
    private readonly worker: AssessmentWorker,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    private readonly ids: IdRepository,
    @Inject(IND_PARTY_OIN) private readonly indOin: string,
  ) {}

  /** A source answered one of our pending requests. */
  async requestCompleted(event: EvidenceRequestCompleted): Promise<void> {
    if (event.requester?.oin !== this.indOin || !event.evidence) return;
    await this.resume(event.requestId, event.evidence.evidenceType, 'COMPLETED', event.evidence.evidenceId);
  }

  /** The source did not answer in time: the assessment asks the hub again. */
  async requestExpired(event: EvidenceRequestExpired): Promise<void> {
    if (event.requester?.oin !== this.indOin) return;
    await this.resume(event.requestId, event.evidenceType, 'EXPIRED', null);
  }

  /**
   * New evidence about a person whose case waits for that type without a pending request (the last answer
   * was there but not enough, e.g. tuition NOT_PAID, or it was revoked): the newer fact may change things.
   */
  async evidenceVerified(event: EvidenceVerified): Promise<void> {
    const pseudonym = event.subject?.pseudonym;
    const type = event.evidence?.evidenceType;
    if (!pseudonym || !type) return;
    const flagged = await this.transactions.run(async (tx) => {
      const waiting = (await this.applications.findWaitingForSubject(tx, pseudonym)).filter((application) =>
        (evidenceNeeded(application.category, application.status, application.sponsorRecognised) as string[]).includes(type),
      );
      if (waiting.length === 0) return [];
      const requests = (await Promise.all(waiting.map((application) => this.requests.findForCase(tx, application.id)))).flat();
      const resumable = waiting.filter(
        (application) =>
          !requests.some(
            (request) => request.applicationId === application.id && request.evidenceType === type && request.state === 'PENDING',
          ),
      );
      await this.applications.flagForAssessment(
        tx,
        resumable.map((application) => application.id),
      );
      return resumable.map((application) => application.id);
    });
    for (const id of flagged) this.worker.trigger(id);
  }

  private async resume(
    hubRequestId: string,
    evidenceType: string,
    state: 'COMPLETED' | 'EXPIRED',
    evidenceId: string | null,
  ): Promise<void> {
    const now = this.clock.now();
    const applicationId = await this.transactions.run(async (tx) => {
      const owner = await this.requests.recordOutcome(tx, { id: this.ids.newId(), hubRequestId, evidenceType, state, evidenceId, now });
      if (owner) await this.applications.flagForAssessment(tx, [owner]);
      return owner;
    });
    if (applicationId) this.worker.trigger(applicationId);
  }
}
