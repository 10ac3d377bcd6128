import { Inject, Injectable } from '@nestjs/common';
import type { FieldViolation } from '@welkom/errors';
import { EVENT_INBOX, type EventInbox, type ReceivedEvent } from '@welkom/messaging';
import { TransactionRepository } from '@welkom/platform';
import { EuReportingError } from '../eu-reporting.errors';
import type { ApplicationFact, ApplicationFactField, CheckedApplicationFact } from '../feed/application-fact';
import { ApplicationFactValidator } from '../feed/application-fact.validator';
import type { FeedReference } from '../feed/feed-reference';
import { FeedPublicationService } from '../feed-publication/feed-publication.service';
import { FEED_REFERENCE } from '../platform/feed-reference.token';
import { applicationFactOf, sameFact } from './application-fact.codec';
import { ApplicationFactRepository, type StoredFactChange } from './application-fact.repository';
import { ApplicationLedgerStore } from './application-ledger.store';
import { factAfterStatusChange, type StatusChange } from './status-change';

/** One status event to apply: what it says, and the event itself for the inbox. */
export interface StatusChangeCommand {
  readonly change: StatusChange;
  readonly event: ReceivedEvent<unknown>;
}

export interface StatusChangeOutcome {
  /** Events applied for the first time. */
  readonly applied: number;
  /** Events this service had applied before (redelivery, a re-imported file): dropped by the inbox. */
  readonly duplicates: number;
  /** Applications whose stored fact changed. */
  readonly changedApplications: number;
}

/** An application's fact after an event: in words (stored, merged with the next event) and checked (counted). */
interface MergedFact {
  readonly fact: ApplicationFact;
  readonly checked: CheckedApplicationFact;
  /** The event that produced it, recorded with the row. */
  readonly eventId: string;
}

/** Where each fact field travels in the status contract, for error reports in the sender's terms. */
const CONTRACT_FIELD: Readonly<Record<ApplicationFactField, string>> = {
  applicationId: 'application_ref',
  category: 'category',
  citizenship: 'citizenship',
  sponsorType: 'sponsor_type',
  submittedOn: 'submitted_on',
  decidedOn: 'decided_on',
  decision: 'status',
};

/**
 * Applies IND status events to the feed's per-application state: one use case for every adapter that
 * carries them. In one transaction: claim the events in the inbox (a redelivered or re-imported event is
 * dropped), lock and read the stored facts, merge each event in order, validate with the same validator as
 * the history import, store what changed. Only after the commit does the in-memory ledger change, and the
 * compacted feed topic is scheduled for republication.
 *
 * All or nothing: one invalid event rejects the batch (the transport then applies the events one at a
 * time, so only the invalid one is dead-lettered with the reasons).
 */
@Injectable()
export class ApplicationFactService {
  private readonly validator: ApplicationFactValidator;

  constructor(
    private readonly facts: ApplicationFactRepository,
    private readonly ledger: ApplicationLedgerStore,
    @Inject(EVENT_INBOX) private readonly inbox: EventInbox,
    private readonly transactions: TransactionRepository,
    private readonly publication: FeedPublicationService,
    @Inject(FEED_REFERENCE) reference: FeedReference,
  ) {
    this.validator = new ApplicationFactValidator(reference.citizenships);
  }

  async applyStatusChanges(commands: readonly StatusChangeCommand[]): Promise<StatusChangeOutcome> {
    await this.ledger.whenLoaded();
    const result = await this.transactions.run(async (tx) => {
      const fresh = new Set(
        await this.inbox.claimAll(
          tx,
          commands.map((command) => command.event),
        ),
      );
      const toApply = commands.filter((command) => fresh.has(command.event));
      const stored = await this.facts.lockAndFind(tx, [...new Set(toApply.map((command) => command.change.applicationId))]);

      const latest = new Map<string, MergedFact>();
      const violations: FieldViolation[] = [];
      for (const { change, event } of toApply) {
        const before = latest.get(change.applicationId)?.fact ?? stored.get(change.applicationId);
        const merged = this.merge(change, before, event.envelope.eventId);
        if ('violations' in merged) violations.push(...merged.violations);
        else latest.set(change.applicationId, merged);
      }
      if (violations.length > 0) throw EuReportingError.invalid('INVALID_STATUS_EVENT', violations);

      const changed = [...latest.values()].filter(({ fact }) => !sameFact(stored.get(fact.applicationId), fact));
      const changes: StoredFactChange[] = changed.map(({ fact, eventId }) => ({ fact, eventId }));
      await this.facts.save(tx, changes);
      return { applied: toApply.length, changed: changed.map(({ checked }) => checked) };
    });
    this.ledger.record(result.changed);
    if (result.changed.length > 0) this.publication.schedule();
    return {
      applied: result.applied,
      duplicates: commands.length - result.applied,
      changedApplications: result.changed.length,
    };
  }

  /** One event merged into what is known about its application, checked; or why it cannot be. */
  private merge(change: StatusChange, before: ApplicationFact | undefined, eventId: string): MergedFact | { violations: FieldViolation[] } {
    if (change.status === '') {
      return { violations: [{ field: 'status', description: `event ${eventId}: the status is unspecified or unknown` }] };
    }
    const validation = this.validator.validate(factAfterStatusChange(before, change));
    if (!validation.ok) {
      return {
        violations: validation.problems.map((problem) => ({
          field: CONTRACT_FIELD[problem.field],
          description: `event ${eventId}: ${problem.code}: ${problem.message}`,
        })),
      };
    }
    return { fact: applicationFactOf(validation.fact), checked: validation.fact, eventId };
  }
}
