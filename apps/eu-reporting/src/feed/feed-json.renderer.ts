import { formatIsoDate } from '@welkom/platform';
import { FEED_MEASURES, type FeedReference } from './feed-reference';
import type { FeedSeries, FeedTable } from './feed-query';

type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

function seriesObject(series: FeedSeries, table: FeedTable): { [key: string]: JsonValue } {
  const { period } = series;
  const object: { [key: string]: JsonValue } = {
    [table.query.reasonAxis]: series.reason,
    year: period.year,
  };
  if (period.kind === 'quarter') object.quarter = period.part;
  if (period.kind === 'month') object.month = period.part;
  object.period = period.label;
  if (table.query.byCitizenship) object.citizenship = series.citizenship;
  if (table.query.bySponsorType) object.sponsorType = series.sponsorType;
  for (const measure of FEED_MEASURES) object[measure] = series.values[measure];
  object.processingTimeDecisions = series.processingTimeDecisions;
  const confidential = FEED_MEASURES.filter((measure) => series.confidential[measure] !== undefined);
  if (confidential.length > 0) object.confidential = confidential;
  return object;
}

/**
 * The feed as JSON: one object per series (e.g. per group and year) with every figure; `null` where a
 * figure does not apply (no decisions, no grant rate) or is withheld (then listed under `confidential`).
 * Keys are written in a fixed order, so the same input gives the same bytes.
 */
export function renderFeedJson(table: FeedTable, reference: FeedReference): string {
  const document: { [key: string]: JsonValue } = {
    dataflow: reference.dataflow.dataflowRef,
    asOf: table.asOf === null ? null : formatIsoDate(table.asOf),
    period: table.query.period,
    reasonAxis: table.query.reasonAxis,
    euTargetDays: reference.euTargetDays,
    smallCellPolicy:
      table.smallCellPolicy === null
        ? null
        : {
            method: table.smallCellPolicy.method,
            threshold: table.smallCellPolicy.threshold,
            roundingBase: table.smallCellPolicy.roundingBase,
          },
    reference: Object.fromEntries(Object.entries(reference.versions).sort(([a], [b]) => (a < b ? -1 : 1))),
    series: table.series.map((series) => seriesObject(series, table)),
  };
  return `${JSON.stringify(document, null, 2)}\n`;
}
