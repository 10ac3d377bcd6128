import { Inject, Injectable, Logger } from '@nestjs/common';
import type { MvvLegStep } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import { ApplicationStatus } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { EVENT_INBOX, type EventInbox, type ReceivedEvent } from '@welkom/messaging';
import { ClockRepository, TransactionRepository } from '@welkom/platform';
import { ApplicationRepository } from '../applications/application.repository';
import { CaseJournal } from '../applications/case-journal';
import { AssessmentWorker } from '../assessment/assessment.worker';
import { IllegalStatusTransitionError, transition } from '../decisions/application-lifecycle';
import { effectOf } from './entry-visa.decision';

/**
 * Follows the MVV leg at the consular posts (DOMAIN.md §2.2): biometrics captured and MVV issued move the case,
 * an expiry ends it (EXPIRED, with the reason: a new application is needed), and entry lets the assessment issue
 * the permit once its issuance evidence is there. Each step is applied once (inbox) in one transaction with its
 * status event; a step the case cannot take (it was refused or withdrawn meanwhile) is logged and skipped.
 */
@Injectable()
export class EntryVisaFollowService {
  private readonly logger = new Logger(EntryVisaFollowService.name);

  constructor(
    private readonly applications: ApplicationRepository,
    private readonly journal: CaseJournal,
    private readonly worker: AssessmentWorker,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
  ) {}

  async apply(event: ReceivedEvent<MvvLegStep>): Promise<void> {
    const effect = effectOf(event.payload);
    if (effect.kind === 'NONE') return;
    const applicationRef = event.payload.applicationRef;
    const now = this.clock.now();
    const assessNow = await this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return false;
      const application = await this.applications.lock(tx, applicationRef);
      if (!application) {
        this.logger.warn(`MVV step for unknown application ${applicationRef} skipped`);
        return false;
      }
      if (effect.kind === 'ENTERED') {
        if (application.status !== ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED || application.mvvEnteredOn !== null) return false;
        await this.applications.update(tx, application.id, { mvvEnteredOn: effect.enteredOn, updatedAt: now });
        await this.applications.flagForAssessment(tx, [application.id]);
        return true;
      }
      let to: ApplicationStatus;
      try {
        to = transition(application.status, effect.event);
      } catch (error) {
        if (!(error instanceof IllegalStatusTransitionError)) throw error;
        this.logger.warn(`MVV step ${effect.event.type} skipped for ${applicationRef}: ${error.message}`);
        return false;
      }
      await this.journal.record(
        tx,
        application,
        [{ event: effect.event, to, ...(effect.reasonCode ? { reasonCode: effect.reasonCode } : {}) }],
        now,
      );
      return false;
    });
    if (assessNow) this.worker.trigger(applicationRef);
  }
}
