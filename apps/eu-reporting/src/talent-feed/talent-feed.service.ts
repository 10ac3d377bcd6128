import { Inject, Injectable } from '@nestjs/common';
import type { StreamFeedResponse } from '@welkom/contracts/generated/welkom/reporting/v1/talent_feed';
import { formatIsoDate } from '@welkom/platform';
import { ApplicationLedgerStore } from '../application-facts/application-ledger.store';
import { renderFeed, type FeedFormat } from '../feed/feed-format.renderer';
import type { FeedOptions } from '../feed/feed-options';
import type { FeedReference } from '../feed/feed-reference';
import { buildFeedTable } from '../feed/feed-table.builder';
import { FEED_REFERENCE } from '../platform/feed-reference.token';
import type { FeedStreamCommand } from './feed-request.command';
import { feedSeriesPosition } from './feed-position';
import { talentFeedSeriesOf } from './talent-feed-series.mapper';

/** A rendered feed and how to label it. */
export interface FeedDocument {
  readonly contentType: string;
  readonly body: string;
}

export interface FeedStatus {
  readonly applications: number;
  readonly decided: number;
  readonly pending: number;
  /** Latest submission or decision date in the data; null before the first event. */
  readonly asOf: string | null;
  /** Changes whenever the figures may have; equal revisions, equal figures. */
  readonly revision: number;
}

/** SDMX-CSV as Eurostat serves it (DOMAIN.md §4.4); the others as their formats are registered. */
export const FEED_CONTENT_TYPES: Readonly<Record<FeedFormat, string>> = {
  json: 'application/json; charset=utf-8',
  'sdmx-csv': 'application/vnd.sdmx.data+csv; version=1.0.0; charset=utf-8',
  table: 'text/plain; charset=utf-8',
  svg: 'image/svg+xml; charset=utf-8',
};

/**
 * The feed as the service serves it: the same aggregation, small-cell policy and renderers as the replay CLI
 * (`replayFeed`), applied to the ledger built from status events, so the same facts give the same bytes.
 * Small cells are protected on every table; no option of a caller turns that off.
 * Each answer is computed synchronously from the ledger, so it is one consistent snapshot.
 */
@Injectable()
export class TalentFeedService {
  constructor(
    private readonly ledger: ApplicationLedgerStore,
    @Inject(FEED_REFERENCE) private readonly reference: FeedReference,
  ) {}

  async render(options: FeedOptions): Promise<FeedDocument> {
    await this.ledger.whenLoaded();
    // Always protected (leak 7): the commands refuse small-cells=off, and this never passes it on either.
    const table = buildFeedTable(this.ledger.current, this.reference, options.query);
    return {
      contentType: FEED_CONTENT_TYPES[options.format],
      body: renderFeed(table, options.format, this.reference, options.lastUpdate),
    };
  }

  /** The table's series after `fromPosition`, in ascending position. */
  async stream(command: FeedStreamCommand): Promise<StreamFeedResponse[]> {
    await this.ledger.whenLoaded();
    const { query } = command.options;
    const table = buildFeedTable(this.ledger.current, this.reference, query);
    const asOf = table.asOf === null ? '' : formatIsoDate(table.asOf);
    const entries: StreamFeedResponse[] = [];
    for (const series of table.series) {
      const position = feedSeriesPosition(series, query, this.reference);
      if (position <= command.fromPosition) continue;
      entries.push({ position: String(position), series: talentFeedSeriesOf(series, table, this.reference), asOf });
    }
    return entries;
  }

  async status(): Promise<FeedStatus> {
    await this.ledger.whenLoaded();
    const { applications, decided, pending, asOf } = this.ledger.counts();
    return { applications, decided, pending, asOf: asOf === null ? null : formatIsoDate(asOf), revision: this.ledger.version };
  }
}
