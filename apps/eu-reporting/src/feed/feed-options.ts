import { checkIsoDate } from '@welkom/platform';
import type { PeriodKind } from './feed-reference';
import { FEED_FORMATS, type FeedFormat } from './feed-format.renderer';
import type { FeedQuery, ReasonAxis } from './feed-query';
import type { LastUpdate } from './feed-sdmx-csv.renderer';

/** What one feed output is: which table, in which format, with which protection and LAST UPDATE. */
export interface FeedOptions {
  readonly format: FeedFormat;
  readonly query: FeedQuery;
  /** Undefined or true: small cells protected. False only from the offline CLI (`RawCells` 'allowed'). */
  readonly smallCells?: boolean;
  readonly lastUpdate?: LastUpdate;
}

/** The options as named on the command line (`--from`) and in the HTTP query (`from=`). */
export const FEED_OPTION_NAMES = ['format', 'from', 'to', 'period', 'by', 'breakdown', 'small-cells', 'last-update'] as const;
export type FeedOptionName = (typeof FEED_OPTION_NAMES)[number];

/** One problem with the options: the option at fault and a sentence that names it as the caller's users do. */
export interface FeedOptionProblem {
  readonly option: FeedOptionName;
  readonly message: string;
}

/**
 * Whether a reader may ask for raw small cells. 'refused' for every output of the service (HTTP, gRPC): any
 * caller could ask, so `small-cells=off` is an error there, not silently ignored. 'allowed' for the offline
 * CLI only: it reads a raw history file, so its user already holds every cell.
 */
export type RawCells = 'allowed' | 'refused';

export type FeedOptionsReading =
  { readonly ok: true; readonly options: FeedOptions } | { readonly ok: false; readonly problems: readonly FeedOptionProblem[] };

const BREAKDOWNS = ['citizenship', 'sponsor-type'] as const;

/**
 * Reads feed options from text values, listing every problem at once. One reader for the replay CLI and the
 * HTTP endpoint, so both accept exactly the same requests and so give the same bytes for the same facts;
 * `label` says how the caller's users write an option in messages (`--from` on the command line, `from` in
 * a URL).
 */
export function readFeedOptions(
  value: (name: FeedOptionName) => string | undefined,
  label: (name: FeedOptionName) => string,
  rawCells: RawCells,
): FeedOptionsReading {
  const problems: FeedOptionProblem[] = [];
  const problem = (option: FeedOptionName, message: string): void => {
    problems.push({ option, message });
  };
  const oneOf = <T extends string>(name: FeedOptionName, allowed: readonly T[], fallback: T): T => {
    const text = value(name);
    if (text === undefined) return fallback;
    if ((allowed as readonly string[]).includes(text)) return text as T;
    problem(name, `${label(name)} must be one of ${allowed.join(', ')} (got "${text}")`);
    return fallback;
  };
  const year = (name: FeedOptionName): number | undefined => {
    const text = value(name);
    if (text === undefined) return undefined;
    if (/^\d{4}$/.test(text)) return Number(text);
    problem(name, `${label(name)} must be a year YYYY (got "${text}")`);
    return undefined;
  };

  const format = oneOf('format', FEED_FORMATS, 'json');
  const period = oneOf<PeriodKind>('period', ['year', 'quarter', 'month'], 'year');
  const reasonAxis = oneOf<ReasonAxis>('by', ['group', 'category'], 'group');
  const fromYear = year('from');
  const toYear = year('to');
  if (fromYear !== undefined && toYear !== undefined && fromYear > toYear) {
    problem('from', `${label('from')} must not be after ${label('to')}`);
  }

  const breakdown = (value('breakdown') ?? '').split(',').filter((part) => part !== '');
  for (const part of breakdown) {
    if (!(BREAKDOWNS as readonly string[]).includes(part)) {
      problem('breakdown', `${label('breakdown')} accepts ${BREAKDOWNS.join(' and ')} (got "${part}")`);
    }
  }
  const smallCells = oneOf('small-cells', ['on', 'off'], 'on');
  if (smallCells === 'off' && rawCells === 'refused') {
    problem('small-cells', `${label('small-cells')} off is refused: this feed always protects small cells, whoever asks`);
  }
  const query: FeedQuery = {
    period,
    reasonAxis,
    byCitizenship: breakdown.includes('citizenship'),
    bySponsorType: breakdown.includes('sponsor-type'),
    ...(fromYear === undefined ? {} : { fromYear }),
    ...(toYear === undefined ? {} : { toYear }),
  };
  if (format === 'svg' && (period !== 'year' || reasonAxis !== 'group' || breakdown.length > 0)) {
    problem(
      'format',
      `${label('format')} svg charts the annual table per group: it takes no ${label('period')}, ${label('by')} or ${label('breakdown')}`,
    );
  }
  const lastUpdate = lastUpdateOf(value('last-update'), label('last-update'), problem);
  if (problems.length > 0) return { ok: false, problems };
  return {
    ok: true,
    options: {
      format,
      query,
      ...(value('small-cells') === undefined ? {} : { smallCells: smallCells === 'on' }),
      ...(lastUpdate === undefined ? {} : { lastUpdate }),
    },
  };
}

function lastUpdateOf(
  value: string | undefined,
  label: string,
  problem: (option: FeedOptionName, message: string) => void,
): LastUpdate | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(value);
  const day = match === null ? 'FORMAT' : checkIsoDate(match[1]);
  if (match === null || typeof day !== 'number' || Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4]) > 59) {
    problem('last-update', `${label} must be YYYY-MM-DDTHH:MM:SS (got "${value}")`);
    return undefined;
  }
  return { day, secondOfDay: Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]) };
}
