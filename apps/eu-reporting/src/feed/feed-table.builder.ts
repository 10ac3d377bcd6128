import type { ApplicationLedger } from './application.ledger';
import { aggregateFeed } from './feed.aggregator';
import type { FeedReference } from './feed-reference';
import type { FeedQuery, FeedTable } from './feed-query';
import { applySmallCellPolicy } from './small-cell.policy';

/**
 * Whether the small-cell policy applies when the caller does not say: per reference data, off for the
 * national table, on as soon as citizenships are broken out (small countries give small cells).
 */
export function smallCellsApplyByDefault(query: FeedQuery, reference: FeedReference): boolean {
  return query.byCitizenship ? reference.smallCellsByDefault.citizenshipBreakdown : reference.smallCellsByDefault.national;
}

/** The figures of one feed: aggregate, then protect small cells if asked (or by default for the query). */
export function buildFeedTable(
  ledger: ApplicationLedger,
  reference: FeedReference,
  query: FeedQuery,
  smallCells: boolean = smallCellsApplyByDefault(query, reference),
): FeedTable {
  const table = aggregateFeed(ledger, reference, query);
  return smallCells ? applySmallCellPolicy(table, reference.smallCellPolicy) : table;
}
