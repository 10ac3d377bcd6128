import type { ApplicationLedger } from './application.ledger';
import { aggregateFeed } from './feed.aggregator';
import type { FeedReference } from './feed-reference';
import type { FeedQuery, FeedTable } from './feed-query';
import { applySmallCellPolicy } from './small-cell.policy';

/**
 * The figures of one feed: aggregate, then protect small cells. Protection is the default for every table,
 * the national one too (a small category in a small month is a handful of people). Only the offline replay
 * CLI passes `false`, for whoever holds the raw history file; the service's outputs never do (leak 7).
 */
export function buildFeedTable(ledger: ApplicationLedger, reference: FeedReference, query: FeedQuery, smallCells = true): FeedTable {
  const table = aggregateFeed(ledger, reference, query);
  return smallCells ? applySmallCellPolicy(table, reference.smallCellPolicy) : table;
}
