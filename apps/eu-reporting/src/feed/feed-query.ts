import type { EpochDay } from '@welkom/platform';
import type { FeedMeasure, PeriodKind, SmallCellPolicy } from './feed-reference';
import type { SponsorType } from './permit-category';

/** Series per reporting group (reference data) or per permit category. */
export type ReasonAxis = 'group' | 'category';

export interface FeedQuery {
  readonly period: PeriodKind;
  readonly reasonAxis: ReasonAxis;
  readonly byCitizenship: boolean;
  readonly bySponsorType: boolean;
  /** Output filter on the period's year; aggregation still sees every earlier submission. */
  readonly fromYear?: number;
  readonly toYear?: number;
}

export const NATIONAL_ANNUAL_BY_GROUP: FeedQuery = {
  period: 'year',
  reasonAxis: 'group',
  byCitizenship: false,
  bySponsorType: false,
};

export interface FeedPeriod {
  readonly kind: PeriodKind;
  readonly year: number;
  /** Quarter 1–4 or month 1–12; 0 for a year. */
  readonly part: number;
  /** SDMX TIME_PERIOD: `2022`, `2022-Q1`, `2022-01`. */
  readonly label: string;
}

/** Why a published value is withheld or perturbed: its own small count, or to protect another value. */
export type Confidentiality = 'primary' | 'complementary';

export interface FeedSeries {
  readonly period: FeedPeriod;
  /** A reporting group id or a permit category, per the query's reason axis. */
  readonly reason: string;
  /** Alpha-2, or null for all citizenships together. */
  readonly citizenship: string | null;
  /** Null for all sponsor types together. */
  readonly sponsorType: SponsorType | null;
  readonly values: Readonly<Record<FeedMeasure, number | null>>;
  readonly confidential: Readonly<Partial<Record<FeedMeasure, Confidentiality>>>;
  /** How many decisions the processing-time figures are computed over. */
  readonly processingTimeDecisions: number;
}

export interface FeedTable {
  readonly query: FeedQuery;
  /** Latest submission or decision date in the whole input: what "data as of" means. Null if empty. */
  readonly asOf: EpochDay | null;
  /** The small-cell policy applied, or null when none was. */
  readonly smallCellPolicy: SmallCellPolicy | null;
  readonly series: readonly FeedSeries[];
}
