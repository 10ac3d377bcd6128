import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_REFERENCE_DIR, loadFeedReference } from '../../src/feed/feed-reference.loader';
import { DEFAULT_HISTORY_SEED, formatHistoryCsv, generateIndHistory } from '../history/ind-history.generator';
import { PUBLISHED_FIGURES_FILE, readPublishedFigures } from '../../src/feed/published-figures.reader';
import type { CommandOutput } from './feed.cli-program';

export { PUBLISHED_FIGURES_FILE };

export const GENERATE_HISTORY_USAGE = `Usage: npm run feed:generate-history -- [--out <file.csv>] [--seed <n>] [--published <table.csv>]

Writes a synthetic IND application history whose yearly totals reproduce the published table exactly
(default: apps/eu-reporting/reference/${PUBLISHED_FIGURES_FILE}, the IND table of seed 000).

  --out <file>        where to write the CSV (default: stdout)
  --seed <n>          PRNG seed, a whole number (default ${DEFAULT_HISTORY_SEED}); same seed, same file
  --published <file>  the table to reproduce: group,year,applications,decisions,grant_rate_percent
  --reference <dir>   reference data directory (reporting groups)
`;

/** The generated history as CSV text; shared by the command and the tests. */
export function generateHistoryCsv(options: { seed?: number; publishedPath?: string; referenceDir?: string } = {}): string {
  const reference = loadFeedReference(options.referenceDir);
  const published = readPublishedFigures(
    readFileSync(options.publishedPath ?? path.join(options.referenceDir ?? DEFAULT_REFERENCE_DIR, PUBLISHED_FIGURES_FILE), 'utf8'),
  );
  return formatHistoryCsv(generateIndHistory(published, reference.groups, options.seed));
}

export function runGenerateHistoryCommand(argv: readonly string[], io: CommandOutput): number {
  let values: { out?: string; seed?: string; published?: string; reference?: string; help?: boolean };
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        out: { type: 'string' },
        seed: { type: 'string' },
        published: { type: 'string' },
        reference: { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    io.stderr(`generate-history: ${error instanceof Error ? error.message : String(error)}\n\n${GENERATE_HISTORY_USAGE}`);
    return 2;
  }
  if (values.help === true) {
    io.stdout(GENERATE_HISTORY_USAGE);
    return 0;
  }
  if (values.seed !== undefined && !/^\d{1,10}$/.test(values.seed)) {
    io.stderr(`generate-history: --seed must be a whole number (got "${values.seed}")\n`);
    return 2;
  }
  try {
    const csv = generateHistoryCsv({
      ...(values.seed === undefined ? {} : { seed: Number(values.seed) }),
      ...(values.published === undefined ? {} : { publishedPath: values.published }),
      ...(values.reference === undefined ? {} : { referenceDir: values.reference }),
    });
    if (values.out === undefined) io.stdout(csv);
    else writeFileSync(values.out, csv);
    const rows = csv.length === 0 ? 0 : csv.split('\n').length - 2;
    io.stderr(`generate-history: ${rows} applications${values.out === undefined ? '' : ` written to ${values.out}`}\n`);
    return 0;
  } catch (error) {
    io.stderr(`generate-history: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
