import { parseArgs } from 'node:util';
import { readFeedOptions, type FeedOptions } from '../../src/feed/feed-options';

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
  --small-cells <on|off>  on (default): small cells protected, as on every output of the service;
                          off: raw cells, for whoever holds this raw history file (never served)
  --last-update <time>    SDMX LAST UPDATE as YYYY-MM-DDTHH:MM:SS; default the data's as-of date, 00:00:00
  --reference <dir>       reference data directory (default apps/eu-reporting/reference)
  --help
`;

export interface FeedCommandOptions extends FeedOptions {
  readonly inputPath: string;
  readonly referenceDir?: string;
}

export type FeedArguments =
  | { readonly kind: 'run'; readonly options: FeedCommandOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

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
  // The same reader as the HTTP endpoint, so `npm run feed` and GET /feed accept the same requests, but for
  // raw cells: the CLI reads the raw history file, so whoever runs it already holds every cell.
  const reading = readFeedOptions(text, (name) => `--${name}`, 'allowed');
  if (!reading.ok) problems.push(...reading.problems.map((problem) => problem.message));
  if (!reading.ok || problems.length > 0 || inputPath === undefined) return { kind: 'invalid', problems };

  const referenceDir = text('reference');
  return {
    kind: 'run',
    options: {
      ...reading.options,
      inputPath,
      ...(referenceDir === undefined ? {} : { referenceDir }),
    },
  };
}
