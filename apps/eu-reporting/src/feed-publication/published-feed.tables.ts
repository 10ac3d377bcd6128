import { NATIONAL_ANNUAL_BY_GROUP, type FeedQuery } from '../feed/feed-query';

/**
 * The tables kept on the compacted topic welkom.reporting.talent-feed.v1, each with small cells protected
 * (as on every output of the service). Their series ids never
 * collide: the reason codes of groups and categories differ, and only the breakdown has a citizenship other
 * than TOTAL. Other tables (quarters, months, sponsor types) are served on request over HTTP and gRPC.
 */
export const PUBLISHED_FEED_TABLES: readonly FeedQuery[] = [
  NATIONAL_ANNUAL_BY_GROUP,
  { period: 'year', reasonAxis: 'category', byCitizenship: false, bySponsorType: false },
  { period: 'year', reasonAxis: 'group', byCitizenship: true, bySponsorType: false },
];
