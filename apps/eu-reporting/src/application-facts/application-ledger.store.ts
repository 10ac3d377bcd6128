import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import type { EpochDay } from '@welkom/platform';
import type { CheckedApplicationFact } from '../feed/application-fact';
import { ApplicationFactValidator } from '../feed/application-fact.validator';
import { ApplicationLedger, type LedgerColumns } from '../feed/application.ledger';
import type { FeedReference } from '../feed/feed-reference';
import { DecisionCode } from '../feed/permit-category';
import { FEED_REFERENCE } from '../platform/feed-reference.token';
import { ApplicationFactRepository } from './application-fact.repository';

export interface LedgerCounts {
  readonly applications: number;
  readonly decided: number;
  readonly pending: number;
  /** Latest submission or decision day, null when empty (the feed's "as of"). */
  readonly asOf: EpochDay | null;
}

/**
 * The feed's ledger (the latest fact per application, in typed arrays) held in memory for the figures, and
 * rebuilt from PostgreSQL at start. PostgreSQL is the record: a fact reaches the ledger only after the
 * transaction that stored it committed, so a crash at any point loses nothing and counts nothing twice.
 *
 * Events wait for `whenLoaded()`: the consumer may start before the module's init hooks (migrations, this
 * load) have run, and a fact applied while the ledger is still being loaded could be overwritten by the
 * older row the load read before.
 */
@Injectable()
export class ApplicationLedgerStore implements OnModuleInit {
  private readonly logger = new Logger(ApplicationLedgerStore.name);
  private readonly ledger = new ApplicationLedger({ expectedApplications: 1 << 16 });
  private revision = 0;
  private readonly loaded: Promise<void>;
  private markLoaded!: () => void;
  private markFailed!: (error: unknown) => void;

  constructor(
    private readonly facts: ApplicationFactRepository,
    @Inject(FEED_REFERENCE) private readonly reference: FeedReference,
  ) {
    this.loaded = new Promise<void>((resolve, reject) => {
      this.markLoaded = resolve;
      this.markFailed = reject;
    });
    // Whoever waits sees the failure; nobody waiting must not crash the process with an unhandled rejection.
    this.loaded.catch(() => undefined);
  }

  async onModuleInit(): Promise<void> {
    try {
      const validator = new ApplicationFactValidator(this.reference.citizenships);
      let count = 0;
      for await (const page of this.facts.all()) {
        for (const fact of page) {
          const checked = validator.validate(fact);
          // Rows were validated before they were written; one that no longer passes means the reference
          // data changed underneath them (e.g. a citizenship code withdrawn), and the figures cannot be trusted.
          if (!checked.ok) {
            throw new Error(
              `Stored fact of ${fact.applicationId} no longer passes validation: ${checked.problems.map((p) => p.message).join('; ')}`,
            );
          }
          this.ledger.record(checked.fact);
          count += 1;
        }
      }
      this.revision += 1;
      this.logger.log(`Ledger loaded: ${count} applications`);
      this.markLoaded();
    } catch (error) {
      this.markFailed(error);
      throw error;
    }
  }

  whenLoaded(): Promise<void> {
    return this.loaded;
  }

  /** Call only with facts whose transaction committed. */
  record(facts: readonly CheckedApplicationFact[]): void {
    for (const fact of facts) this.ledger.record(fact);
    if (facts.length > 0) this.revision += 1;
  }

  /** The ledger to aggregate; read it synchronously (no await in between) for a consistent snapshot. */
  get current(): ApplicationLedger {
    return this.ledger;
  }

  /** Increases whenever the ledger changes; equal revisions mean equal figures. */
  get version(): number {
    return this.revision;
  }

  counts(): LedgerCounts {
    const columns: LedgerColumns = this.ledger.columns();
    let pending = 0;
    let asOf = Number.NEGATIVE_INFINITY;
    for (let i = 0; i < columns.size; i++) {
      if (columns.submittedDay[i] > asOf) asOf = columns.submittedDay[i];
      if (columns.decision[i] === DecisionCode.PENDING) pending += 1;
      else if (columns.decidedDay[i] > asOf) asOf = columns.decidedDay[i];
    }
    return {
      applications: columns.size,
      decided: columns.size - pending,
      pending,
      asOf: asOf === Number.NEGATIVE_INFINITY ? null : asOf,
    };
  }
}
