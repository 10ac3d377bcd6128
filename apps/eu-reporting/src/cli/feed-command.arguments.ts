import { parseArgs } from 'node:util';
import { parseIsoDate } from '../feed/calendar-day';
import type { PeriodKind } from '../feed/feed-reference';
import { FEED_FORMATS, type FeedFormat } from '../feed/feed-format.renderer';
import type { FeedQuery, ReasonAxis } from '../feed/feed-query';
import type { LastUpdate } from '../feed/feed-sdmx-csv.renderer';

export const FEED_USAGE = `Usage: npm run feed -- --input <history.csv> [options]

Replays an IND application history (CSV) through the feed aggregation and prints the feed to stdout.
Rejected rows and a summary go to stderr. Same input, same bytes out. When redirecting stdout use
\`npm run -s feed -- …\`: without -s npm prints its own "> feed" banner on stdout too.

  --input <file>          history CSV: application_id,category,citizenship,submitted_on,decided_on,decision
  --format <f>            json (default) | sdmx-csv | table | svg (annual chart per group)
  --from <YYYY>           first year shown (earlier submissions still count as decisions later)
  --to <YYYY>             last year shown
  --period <p>            year (default) | quarter | month
  --by <axis>             group (default, reference/reporting-groups.v1.json) | category
  --breakdown <list>      comma-separated: citizenship, sponsor-type
  --small-cells <on|off>  small-cell policy; default off for the national table, on with citizenship
  --last-update <time>    SDMX LAST UPDATE as YYYY-MM-DDTHH:MM:SS; default the data's as-of date, 00:00:00
  --reference <dir>       reference data directory (default apps/eu-reporting/reference)
  --help
`;

export interface FeedCommandOptions {
  readonly inputPath: string;
  readonly format: FeedFormat;
  readonly query: FeedQuery;
  /** Undefined: the reference default for the query. */
  readonly smallCells?: boolean;
  readonly lastUpdate?: LastUpdate;
  readonly referenceDir?: string;
}

export type FeedArguments =
  | { readonly kind: 'run'; readonly options: FeedCommandOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

function oneOf<T extends string>(value: string | undefined, allowed: readonly T[], fallback: T, name: string, problems: string[]): T {
  if (value === undefined) return fallback;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  problems.push(`--${name} must be one of ${allowed.join(', ')} (got "${value}")`);
  return fallback;
}

function year(value: string | undefined, name: string, problems: string[]): number | undefined {
  if (value === undefined) return undefined;
  if (/^\d{4}$/.test(value)) return Number(value);
  problems.push(`--${name} must be a year YYYY (got "${value}")`);
  return undefined;
}

function lastUpdateOf(value: string | undefined, problems: string[]): LastUpdate | undefined {
  if (value === undefined) return undefined;
  const match = /^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2}):(\d{2})$/.exec(value);
  const day = match === null ? 'FORMAT' : parseIsoDate(match[1]);
  if (match === null || typeof day !== 'number' || Number(match[2]) > 23 || Number(match[3]) > 59 || Number(match[4]) > 59) {
    problems.push(`--last-update must be YYYY-MM-DDTHH:MM:SS (got "${value}")`);
    return undefined;
  }
  return { day, secondOfDay: Number(match[2]) * 3600 + Number(match[3]) * 60 + Number(match[4]) };
}

/** Reads the command line into options, listing every problem at once. */
export function parseFeedArguments(argv: readonly string[]): FeedArguments {
  let values: Record<string, string | boolean | undefined>;
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        input: { type: 'string' },
        format: { type: 'string' },
        from: { type: 'string' },
        to: { type: 'string' },
        period: { type: 'string' },
        by: { type: 'string' },
        breakdown: { type: 'string' },
        'small-cells': { type: 'string' },
        'last-update': { type: 'string' },
        reference: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    return { kind: 'invalid', problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (values.help === true) return { kind: 'help' };
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };

  const problems: string[] = [];
  const inputPath = text('input');
  if (inputPath === undefined) problems.push('--input <file> is required');
  const format = oneOf(text('format'), FEED_FORMATS, 'json', 'format', problems);
  const period = oneOf<PeriodKind>(text('period'), ['year', 'quarter', 'month'], 'year', 'period', problems);
  const reasonAxis = oneOf<ReasonAxis>(text('by'), ['group', 'category'], 'group', 'by', problems);
  const fromYear = year(text('from'), 'from', problems);
  const toYear = year(text('to'), 'to', problems);
  if (fromYear !== undefined && toYear !== undefined && fromYear > toYear) problems.push('--from must not be after --to');

  const breakdown = (text('breakdown') ?? '').split(',').filter((part) => part !== '');
  for (const part of breakdown) {
    if (part !== 'citizenship' && part !== 'sponsor-type') {
      problems.push(`--breakdown accepts citizenship and sponsor-type (got "${part}")`);
    }
  }
  const smallCellsText = oneOf(text('small-cells'), ['on', 'off'], 'on', 'small-cells', problems);
  const query: FeedQuery = {
    period,
    reasonAxis,
    byCitizenship: breakdown.includes('citizenship'),
    bySponsorType: breakdown.includes('sponsor-type'),
    ...(fromYear === undefined ? {} : { fromYear }),
    ...(toYear === undefined ? {} : { toYear }),
  };
  if (format === 'svg' && (period !== 'year' || reasonAxis !== 'group' || breakdown.length > 0)) {
    problems.push('--format svg charts the annual table per group: it takes no --period, --by or --breakdown');
  }
  const lastUpdate = lastUpdateOf(text('last-update'), problems);
  if (problems.length > 0 || inputPath === undefined) return { kind: 'invalid', problems };

  const referenceDir = text('reference');
  return {
    kind: 'run',
    options: {
      inputPath,
      format,
      query,
      ...(text('small-cells') === undefined ? {} : { smallCells: smallCellsText === 'on' }),
      ...(lastUpdate === undefined ? {} : { lastUpdate }),
      ...(referenceDir === undefined ? {} : { referenceDir }),
    },
  };
}
