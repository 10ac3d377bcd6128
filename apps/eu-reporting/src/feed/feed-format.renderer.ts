import type { FeedReference } from './feed-reference';
import type { FeedTable } from './feed-query';
import { renderFeedJson } from './feed-json.renderer';
import { renderFeedSdmxCsv, type LastUpdate } from './feed-sdmx-csv.renderer';
import { renderFeedSvg } from './feed-svg.renderer';
import { renderFeedTable } from './feed-table.renderer';

export const FEED_FORMATS = ['json', 'sdmx-csv', 'table', 'svg'] as const;
export type FeedFormat = (typeof FEED_FORMATS)[number];

/**
 * One feed table in the requested format. `lastUpdate` defaults to the data's as-of date at midnight, never
 * to the clock: the same input must give the same bytes.
 */
export function renderFeed(table: FeedTable, format: FeedFormat, reference: FeedReference, lastUpdate?: LastUpdate): string {
  switch (format) {
    case 'json':
      return renderFeedJson(table, reference);
    case 'sdmx-csv':
      return renderFeedSdmxCsv(table, reference, lastUpdate ?? (table.asOf === null ? null : { day: table.asOf, secondOfDay: 0 }));
    case 'table':
      return renderFeedTable(table, reference);
    case 'svg':
      return renderFeedSvg(table, reference);
  }
}
