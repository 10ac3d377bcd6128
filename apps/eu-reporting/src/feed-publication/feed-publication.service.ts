import { type BeforeApplicationShutdown, Inject, Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { TalentFeedSeries } from '@welkom/contracts/generated/welkom/reporting/v1/talent_feed';
import { TOPICS } from '@welkom/events';
import { EVENT_OUTBOX, type EventOutbox } from '@welkom/messaging';
import { TransactionRepository } from '@welkom/platform';
import { ApplicationLedgerStore } from '../application-facts/application-ledger.store';
import type { FeedReference } from '../feed/feed-reference';
import { buildFeedTable } from '../feed/feed-table.builder';
import { EU_REPORTING_CONFIG, type EuReportingConfig } from '../eu-reporting.config';
import { FEED_REFERENCE } from '../platform/feed-reference.token';
import { PacedRunner } from '../platform/paced-runner';
import { emptiedTalentFeedSeries, talentFeedSeriesOf } from '../talent-feed/talent-feed-series.mapper';
import { PublishedFeedSeriesRepository } from './published-feed-series.repository';
import { PUBLISHED_FEED_TABLES } from './published-feed.tables';

export interface PublicationOutcome {
  /** Series whose row changed and went into the outbox. */
  readonly published: number;
  readonly unchanged: number;
}

interface EncodedSeries {
  readonly series: TalentFeedSeries;
  readonly payload: Buffer;
}

function encoded(series: TalentFeedSeries): EncodedSeries {
  return { series, payload: Buffer.from(TalentFeedSeries.encode(series).finish()) };
}

/**
 * Keeps the compacted topic welkom.reporting.talent-feed.v1 equal to the published tables: recomputes them
 * from the ledger, compares each series row with what was last sent (published_feed_series) and puts the
 * changed rows, keyed by series id, in the outbox in the same transaction that records them as sent. So a
 * crash before the commit republishes them at the next start, and a crash after it leaves them to the relay.
 *
 * Runs after events changed the ledger, paced (FEED_PUBLISH_INTERVAL_MS, and never more than a fifth of the
 * time) because one run recomputes every table, and once at start for whatever a crash left unpublished.
 */
@Injectable()
export class FeedPublicationService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(FeedPublicationService.name);
  private readonly runner: PacedRunner;
  /** Ledger revision of the last completed publication; nothing to do while it is current. */
  private publishedRevision = -1;

  constructor(
    private readonly ledger: ApplicationLedgerStore,
    private readonly published: PublishedFeedSeriesRepository,
    @Inject(EVENT_OUTBOX) private readonly outbox: EventOutbox,
    private readonly transactions: TransactionRepository,
    @Inject(FEED_REFERENCE) private readonly reference: FeedReference,
    @Inject(EU_REPORTING_CONFIG) config: Pick<EuReportingConfig, 'FEED_PUBLISH_INTERVAL_MS'>,
  ) {
    this.runner = new PacedRunner(
      async () => {
        await this.publish();
      },
      // At most a fifth of the time: during a bulk import the consumer needs the rest.
      { intervalMs: config.FEED_PUBLISH_INTERVAL_MS, maxShare: 0.2 },
      (error) => this.logger.error(`Publishing the feed failed, retrying: ${error instanceof Error ? error.message : String(error)}`),
    );
  }

  onApplicationBootstrap(): void {
    this.runner.schedule();
  }

  beforeApplicationShutdown(): Promise<void> {
    return this.runner.stop();
  }

  /** The ledger changed: publish soon. */
  schedule(): void {
    this.runner.schedule();
  }

  async publish(): Promise<PublicationOutcome> {
    await this.ledger.whenLoaded();
    const revision = this.ledger.version;
    if (revision === this.publishedRevision) return { published: 0, unchanged: 0 };
    const current = this.currentSeries();
    const outcome = await this.transactions.run(async (tx) => {
      await this.published.lock(tx);
      const sent = await this.published.all(tx);
      const changed: EncodedSeries[] = [];
      for (const [seriesId, row] of current) {
        if (!sent.get(seriesId)?.equals(row.payload)) changed.push(row);
      }
      for (const [seriesId, payload] of sent) {
        if (current.has(seriesId)) continue;
        const emptied = encoded(emptiedTalentFeedSeries(TalentFeedSeries.decode(payload), this.reference));
        if (!emptied.payload.equals(payload)) changed.push(emptied);
      }
      // In series id order: the same changes give the same outbox rows, whatever order the tables came in.
      changed.sort((a, b) => (a.series.seriesId < b.series.seriesId ? -1 : a.series.seriesId > b.series.seriesId ? 1 : 0));
      await this.outbox.enqueueAll(
        tx,
        TOPICS.talentFeed,
        changed.map((row) => row.series),
      );
      await this.published.save(
        tx,
        changed.map((row) => ({ seriesId: row.series.seriesId, payload: row.payload })),
      );
      return { published: changed.length, unchanged: current.size - changed.length };
    });
    this.publishedRevision = revision;
    return outcome;
  }

  /** Every published table from one synchronous pass over the ledger: one consistent snapshot. */
  private currentSeries(): Map<string, EncodedSeries> {
    const rows = new Map<string, EncodedSeries>();
    for (const query of PUBLISHED_FEED_TABLES) {
      const table = buildFeedTable(this.ledger.current, this.reference, query);
      for (const series of table.series) {
        const row = encoded(talentFeedSeriesOf(series, table, this.reference));
        if (rows.has(row.series.seriesId)) throw new Error(`Two published tables both have series ${row.series.seriesId}`);
        rows.set(row.series.seriesId, row);
      }
    }
    return rows;
  }
}
