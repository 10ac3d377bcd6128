import { statSync } from 'node:fs';
import { ApplicationFactValidator } from '../../src/feed/application-fact.validator';
import { ApplicationLedger } from '../../src/feed/application.ledger';
import { renderFeed } from '../../src/feed/feed-format.renderer';
import { loadFeedReference } from '../../src/feed/feed-reference.loader';
import { buildFeedTable } from '../../src/feed/feed-table.builder';
import { describeRejectedRow } from '../history/history-csv.parser';
import { importHistoryFile, type HistoryImportReport } from '../history/history.importer';
import { FEED_USAGE, parseFeedArguments, type FeedCommandOptions } from './feed.cli-arguments';

export interface CommandOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

export interface FeedReplay {
  readonly output: string;
  readonly report: HistoryImportReport;
  readonly ledger: ApplicationLedger;
}

/**
 * The deterministic replay: history file → ledger → feed table → one format. The same aggregation the
 * service will run on status events; nothing here reads the clock or the environment.
 */
export async function replayFeed(
  options: FeedCommandOptions,
  onRejectedLine: (text: string) => void,
  expectedApplications?: number,
): Promise<FeedReplay> {
  const reference = loadFeedReference(options.referenceDir);
  const ledger = new ApplicationLedger({ expectedApplications: expectedApplications ?? applicationsToExpect(options.inputPath) });
  const report = await importHistoryFile(options.inputPath, ledger, new ApplicationFactValidator(reference.citizenships), (row) =>
    describeRejectedRow(row).forEach(onRejectedLine),
  );
  if (report.fatal !== null) return { output: '', report, ledger };
  const table = buildFeedTable(ledger, reference, options.query, options.smallCells);
  return { output: renderFeed(table, options.format, reference, options.lastUpdate), report, ledger };
}

/** A history row is ~60 bytes; pre-sizing the ledger from the file size spares 10 M-row imports a dozen regrowths. */
const TYPICAL_ROW_BYTES = 56;

function applicationsToExpect(inputPath: string): number {
  try {
    return Math.max(1024, Math.ceil(statSync(inputPath).size / TYPICAL_ROW_BYTES));
  } catch {
    return 1024; // the import reports the unreadable file
  }
}

function summary(report: HistoryImportReport): string {
  return (
    `feed: ${report.lines} lines read: ${report.acceptedRows} rows imported ` +
    `(${report.added} new, ${report.replaced} replaced, ${report.unchanged} unchanged), ` +
    `${report.rejectedRows} rejected, ${report.blankLines} blank\n`
  );
}

/** `npm run feed -- …`; returns the exit code: 0 done (rejected rows are reported, not fatal), 1 unusable input, 2 usage. */
export async function runFeedCommand(argv: readonly string[], io: CommandOutput): Promise<number> {
  const parsed = parseFeedArguments(argv);
  if (parsed.kind === 'help') {
    io.stdout(FEED_USAGE);
    return 0;
  }
  if (parsed.kind === 'invalid') {
    io.stderr(`${parsed.problems.map((p) => `feed: ${p}`).join('\n')}\n\n${FEED_USAGE}`);
    return 2;
  }
  try {
    const { output, report } = await replayFeed(parsed.options, (line) => io.stderr(`feed: rejected ${line}\n`));
    io.stderr(summary(report));
    if (report.fatal !== null) return 1;
    io.stdout(output);
    return 0;
  } catch (error) {
    io.stderr(`feed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
}
