import {
  FeedBreakdown,
  FeedPeriod,
  FeedReasonAxis,
  SmallCells,
  type StreamFeedRequest,
} from '@welkom/contracts/generated/welkom/reporting/v1/talent_feed';
import { fieldRule, type Invalid, invalidAll, parseRequest } from '@welkom/validation';
import type { EuReportingErrorReason } from '../eu-reporting.errors';
import { FEED_OPTION_NAMES, readFeedOptions, type FeedOptionName, type FeedOptionProblem, type FeedOptions } from '../feed/feed-options';

/** A stream request: which table, and after which position to start. */
export interface FeedStreamCommand {
  readonly options: FeedOptions;
  /** 0: from the first series. */
  readonly fromPosition: number;
}

const REFUSAL = { reason: 'INVALID_FEED_REQUEST' satisfies EuReportingErrorReason };

type Violations = Invalid['violations'][number][];

function violationsOf(problems: readonly FeedOptionProblem[], field: (option: FeedOptionName) => string): Violations {
  return problems.map((problem) => ({ path: [field(problem.option)], description: problem.message }));
}

/** The query as a whole: its parameters are read together, as the CLI reads its options. */
const httpQuery = fieldRule((input): FeedOptions | Invalid => {
  const query = input as Readonly<Record<string, unknown>>;
  const violations: Violations = [];
  const values = new Map<string, string>();
  for (const [name, value] of Object.entries(query)) {
    if (!(FEED_OPTION_NAMES as readonly string[]).includes(name)) {
      violations.push({ path: [name], description: `${name} is not a feed parameter (${FEED_OPTION_NAMES.join(', ')})` });
    } else if (typeof value !== 'string') {
      violations.push({ path: [name], description: `${name} must be given once, as text` });
    } else {
      values.set(name, value);
    }
  }
  const reading = readFeedOptions(
    (name) => values.get(name),
    (name) => name,
    'refused',
  );
  if (!reading.ok) violations.push(...violationsOf(reading.problems, (option) => option));
  if (violations.length > 0 || !reading.ok) return invalidAll(violations);
  return reading.options;
});

/**
 * `GET /feed?format=…&from=…&to=…&period=…&by=…&breakdown=…&small-cells=…&last-update=…`: the options of
 * `npm run feed` under the same names without dashes, read by the same reader, so both give the same bytes.
 * Unknown or repeated parameters are refused rather than ignored: a typo must not silently change a figure.
 * `small-cells=off` is refused (400): anyone can call this endpoint, and small cells are always protected.
 */
export function feedOptionsFromHttpQuery(query: Readonly<Record<string, unknown>>): FeedOptions {
  return parseRequest(httpQuery, query, { ...REFUSAL, namesAsSent: true });
}

const STREAM_FIELD: Readonly<Record<FeedOptionName, string>> = {
  format: 'format',
  from: 'from_year',
  to: 'to_year',
  period: 'period',
  by: 'reason_axis',
  breakdown: 'breakdown',
  'small-cells': 'small_cells',
  'last-update': 'last_update',
};

const PERIOD_TEXT: Readonly<Record<FeedPeriod, string | undefined>> = {
  [FeedPeriod.FEED_PERIOD_UNSPECIFIED]: undefined,
  [FeedPeriod.FEED_PERIOD_YEAR]: 'year',
  [FeedPeriod.FEED_PERIOD_QUARTER]: 'quarter',
  [FeedPeriod.FEED_PERIOD_MONTH]: 'month',
};

const REASON_AXIS_TEXT: Readonly<Record<FeedReasonAxis, string | undefined>> = {
  [FeedReasonAxis.FEED_REASON_AXIS_UNSPECIFIED]: undefined,
  [FeedReasonAxis.FEED_REASON_AXIS_GROUP]: 'group',
  [FeedReasonAxis.FEED_REASON_AXIS_CATEGORY]: 'category',
};

const BREAKDOWN_TEXT: Readonly<Record<FeedBreakdown, string>> = {
  [FeedBreakdown.FEED_BREAKDOWN_UNSPECIFIED]: 'FEED_BREAKDOWN_UNSPECIFIED',
  [FeedBreakdown.FEED_BREAKDOWN_CITIZENSHIP]: 'citizenship',
  [FeedBreakdown.FEED_BREAKDOWN_SPONSOR_TYPE]: 'sponsor-type',
};

const SMALL_CELLS_TEXT: Readonly<Record<SmallCells, string | undefined>> = {
  [SmallCells.SMALL_CELLS_UNSPECIFIED]: undefined,
  [SmallCells.SMALL_CELLS_ON]: 'on',
  [SmallCells.SMALL_CELLS_OFF]: 'off',
};

const POSITION = /^\d{1,15}$/;

/** The request's fields turned into the options' text and read by the same reader as the CLI and HTTP. */
const streamRequest = fieldRule((input): FeedStreamCommand | Invalid => {
  const request = input as StreamFeedRequest;
  const text: Partial<Record<FeedOptionName, string>> = {
    ...(request.fromYear === 0 ? {} : { from: String(request.fromYear) }),
    ...(request.toYear === 0 ? {} : { to: String(request.toYear) }),
    ...(PERIOD_TEXT[request.period] === undefined ? {} : { period: PERIOD_TEXT[request.period] }),
    ...(REASON_AXIS_TEXT[request.reasonAxis] === undefined ? {} : { by: REASON_AXIS_TEXT[request.reasonAxis] }),
    ...(request.breakdown.length === 0 ? {} : { breakdown: request.breakdown.map((b) => BREAKDOWN_TEXT[b]).join(',') }),
    ...(SMALL_CELLS_TEXT[request.smallCells] === undefined ? {} : { 'small-cells': SMALL_CELLS_TEXT[request.smallCells] }),
  };
  const violations: Violations = [];
  if (!POSITION.test(request.fromPosition)) {
    violations.push({ path: ['from_position'], description: `must be a position from a previous stream (got "${request.fromPosition}")` });
  }
  const reading = readFeedOptions(
    (name) => text[name],
    (name) => STREAM_FIELD[name],
    'refused',
  );
  if (!reading.ok) violations.push(...violationsOf(reading.problems, (option) => STREAM_FIELD[option]));
  if (violations.length > 0 || !reading.ok) return invalidAll(violations);
  return { options: reading.options, fromPosition: Number(request.fromPosition) };
});

/**
 * `StreamFeed`: the request's fields turned into the options' text and read by the same reader as the CLI
 * and HTTP, so the stream accepts what they accept and computes the same table. SMALL_CELLS_OFF is refused
 * (INVALID_ARGUMENT on small_cells), as on HTTP.
 */
export function feedStreamCommandOf(request: StreamFeedRequest): FeedStreamCommand {
  return parseRequest(streamRequest, request, REFUSAL);
}
