import { Inject, Injectable, Logger } from '@nestjs/common';
import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { BiometricKind } from '@welkom/contracts/generated/welkom/evidence/v1/evidence_payload';
import { ApplicationStatus, type ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { TOPICS } from '@welkom/events';
import { EVENT_INBOX, EVENT_OUTBOX, type EventInbox, type EventOutbox, type ReceivedEvent } from '@welkom/messaging';
import { ClockRepository, toTimestamp, TransactionRepository } from '@welkom/platform';
import type { Transaction } from '@welkom/persistence';
import { ConsularError } from '../consular.errors';
import { HubEvidenceRepository } from '../hub-connection/hub-evidence.repository';
import { ConsularReference } from '../posts/consular-reference';
import type { MvvCaseRecord } from './mvv-case';
import { MvvCaseRepository, slotKey } from './mvv-case.repository';
import {
  assertCanCapture,
  bookAppointment,
  captureBiometrics,
  issueMvv,
  grantWithdrawn,
  lapse,
  type LegOutcome,
  offerSlot,
  openIntake,
  purposeChanged,
  recordEntry,
  requirePost,
} from './mvv-leg.decision';

export interface OfferSlotCommand {
  readonly applicationRef: string;
  readonly chosenPost: string;
  readonly residenceCountry: string;
}

/**
 * The MVV leg of an application at the consular posts (DOMAIN.md §2.2): opened by the IND's MVV authorisation,
 * driven by the posts, closed by entry or by a missed limit. Every step changes the leg and enqueues its event
 * in one transaction (outbox). The rules live in ./mvv-leg.decision.
 */
@Injectable()
export class MvvLegService {
  private readonly logger = new Logger(MvvLegService.name);

  constructor(
    private readonly legs: MvvCaseRepository,
    private readonly hub: HubEvidenceRepository,
    private readonly reference: ConsularReference,
    private readonly transactions: TransactionRepository,
    private readonly clock: ClockRepository,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
  ) {}

  /**
   * The IND authorised the MVV: the leg opens with the notification's date. Other statuses, and an authorisation
   * without a pseudonym (nothing the post could tie the appointment to), change nothing. Idempotent (inbox).
   */
  async onApplicationStatus(event: ReceivedEvent<ApplicationStatusChanged>): Promise<boolean> {
    const status = event.payload;
    if (status.status === ApplicationStatus.APPLICATION_STATUS_REFUSED) return this.onRefused(event);
    if (status.status !== ApplicationStatus.APPLICATION_STATUS_MVV_AUTHORISED) return false;
    const pseudonym = status.subject?.pseudonym ?? '';
    if (pseudonym === '') {
      this.logger.warn(`MVV authorisation of ${status.applicationRef} without a pseudonym; no leg opened`);
      return false;
    }
    const at = this.clock.now();
    const notifiedOn = status.decidedOn || this.clock.today();
    return this.transactions.run(async (tx) => {
      if (!(await this.inbox.claim(tx, event))) return false;
      const outcome = openIntake(
        { applicationRef: status.applicationRef, subjectPseudonym: pseudonym, citizenship: status.citizenship, notifiedOn, at },
        this.reference,
      );
      if (!(await this.legs.insertIfAbsent(tx, outcome.next))) return false;
      await this.publish(tx, outcome, at);
      return true;
    });
  }

  /** A refusal after the MVV authorisation is the IND withdrawing its grant: the leg stops (inbox, one transaction). */
  private async onRefused(event: ReceivedEvent<ApplicationStatusChanged>): Promise<boolean> {
    const at = this.clock.now();
    const today = this.clock.today();
    return this.transactions.run(async (tx) => {
      const leg = await this.legs.lock(tx, event.payload.applicationRef);
      if (!leg || !(await this.inbox.claim(tx, event))) return false;
      const outcome = grantWithdrawn(leg, today, at);
      if (!outcome) return false;
      await this.apply(tx, outcome, at);
      return true;
    });
  }

  /** Offers a slot (pooled when needed); asking again while the offer stands returns it unchanged. */
  async offer(command: OfferSlotCommand): Promise<MvvCaseRecord> {
    const at = this.clock.now();
    const today = this.clock.today();
    return this.transactions.run(async (tx) => {
      const leg = await this.requireLocked(tx, command.applicationRef);
      if (leg.stage === 'SLOT_OFFERED' || leg.stage === 'APPOINTMENT_BOOKED') return leg;
      await this.legs.lockCalendars(tx);
      const held = await this.legs.heldSlots(tx, today, leg.appearBy);
      const outcome = offerSlot(
        leg,
        { chosenPost: command.chosenPost, residenceCountry: command.residenceCountry, today, at },
        this.reference,
        (post, day) => held.get(slotKey(post, day)) ?? 0,
      );
      return this.apply(tx, outcome, at);
    });
  }

  book(applicationRef: string): Promise<MvvCaseRecord> {
    return this.step(applicationRef, (leg, _today, at) => (leg.stage === 'APPOINTMENT_BOOKED' ? undefined : bookAppointment(leg, at)));
  }

  /**
   * The applicant appeared: the post issues BIOMETRICS_CAPTURED to the hub (a fact: date, post, kinds; never the
   * biometrics), then records the step. The hub call comes first and is idempotent by its source reference, so a
   * failure after it is repaired by calling again.
   */
  async captureBiometrics(applicationRef: string, post: string): Promise<MvvCaseRecord> {
    const leg = await this.requireLeg(applicationRef);
    requirePost(leg, post);
    if (leg.stage === 'BIOMETRICS_CAPTURED') return leg;
    const today = this.clock.today();
    assertCanCapture(leg, today);
    const evidenceId = await this.hub.issue({
      subject: { pseudonym: leg.subjectPseudonym },
      evidenceType: EvidenceType.EVIDENCE_TYPE_BIOMETRICS_CAPTURED,
      payload: {
        biometricsCaptured: {
          capturedOn: today,
          consularPost: leg.post ?? '',
          kinds: [
            BiometricKind.BIOMETRIC_KIND_FACIAL_IMAGE,
            BiometricKind.BIOMETRIC_KIND_FINGERPRINTS,
            BiometricKind.BIOMETRIC_KIND_SIGNATURE,
          ],
        },
      },
      issuedAt: toTimestamp(this.clock.now()),
      validUntil: undefined,
      sourceReference: `mvv-biometrics/${leg.applicationRef}`,
      subUnit: leg.post ?? '',
    });
    return this.step(applicationRef, (current, day, at) =>
      current.stage === 'BIOMETRICS_CAPTURED' ? undefined : captureBiometrics(current, day, evidenceId, at),
    );
  }

  issue(applicationRef: string, visaStickerNumber: string, post: string): Promise<MvvCaseRecord> {
    return this.step(applicationRef, (leg, today, at) => {
      requirePost(leg, post);
      return leg.stage === 'MVV_ISSUED' ? undefined : issueMvv(leg, today, visaStickerNumber, this.reference, at);
    });
  }

  recordEntry(applicationRef: string): Promise<MvvCaseRecord> {
    return this.step(applicationRef, (leg, today, at) => (leg.stage === 'ENTERED' ? undefined : recordEntry(leg, today, at)));
  }

  reportPurposeChange(applicationRef: string): Promise<MvvCaseRecord> {
    return this.step(applicationRef, (leg, today, at) =>
      leg.stage === 'EXPIRED' && leg.expiryReason !== null ? undefined : purposeChanged(leg, today, at),
    );
  }

  get(applicationRef: string): Promise<MvvCaseRecord> {
    return this.requireLeg(applicationRef);
  }

  /** Closes every leg past its limit today; returns how many lapsed. */
  async sweepExpired(batchSize = 200): Promise<number> {
    const today = this.clock.today();
    let lapsed = 0;
    for (const applicationRef of await this.legs.dueForExpiry(today, batchSize)) {
      const at = this.clock.now();
      const done = await this.transactions.run(async (tx) => {
        const leg = await this.legs.lock(tx, applicationRef);
        const outcome = leg && lapse(leg, today, at);
        if (!outcome) return false;
        await this.apply(tx, outcome, at);
        return true;
      });
      if (done) lapsed += 1;
    }
    return lapsed;
  }

  /** One step under the leg's lock; `decide` returns undefined when the step was taken before (a retried call). */
  private step(
    applicationRef: string,
    decide: (leg: MvvCaseRecord, today: string, at: Date) => LegOutcome | undefined,
  ): Promise<MvvCaseRecord> {
    const at = this.clock.now();
    const today = this.clock.today();
    return this.transactions.run(async (tx) => {
      const leg = await this.requireLocked(tx, applicationRef);
      const outcome = decide(leg, today, at);
      return outcome ? this.apply(tx, outcome, at) : leg;
    });
  }

  private async apply(tx: Transaction, outcome: LegOutcome, at: Date): Promise<MvvCaseRecord> {
    await this.legs.save(tx, outcome.next);
    await this.publish(tx, outcome, at);
    return outcome.next;
  }

  private async publish(tx: Transaction, outcome: LegOutcome, at: Date): Promise<void> {
    await this.outbox.enqueue(tx, TOPICS.mvvLegStep, {
      ...outcome.step,
      applicationRef: outcome.next.applicationRef,
      subject: { pseudonym: outcome.next.subjectPseudonym },
      occurredAt: toTimestamp(at),
    });
  }

  private async requireLeg(applicationRef: string): Promise<MvvCaseRecord> {
    const leg = await this.legs.find(applicationRef);
    if (!leg) throw new ConsularError('MVV_CASE_NOT_FOUND', `No MVV leg for application ${applicationRef}`);
    return leg;
  }

  private async requireLocked(tx: Transaction, applicationRef: string): Promise<MvvCaseRecord> {
    const leg = await this.legs.lock(tx, applicationRef);
    if (!leg) throw new ConsularError('MVV_CASE_NOT_FOUND', `No MVV leg for application ${applicationRef}`);
    return leg;
  }
}
