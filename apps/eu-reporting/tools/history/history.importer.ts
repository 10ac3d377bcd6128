import { createReadStream } from 'node:fs';
import type { CheckedApplicationFact } from '../../src/feed/application-fact';
import type { ApplicationFactValidator } from '../../src/feed/application-fact.validator';
import type { ApplicationLedger } from '../../src/feed/application.ledger';
import { HistoryCsvParser, type HistoryParseSummary, type RejectedRow } from './history-csv.parser';

export interface HistoryImportReport extends HistoryParseSummary {
  /** Applications seen for the first time. */
  readonly added: number;
  /** Rows that changed what the ledger held (a later fact for a known application). */
  readonly replaced: number;
  /** Rows the ledger already held exactly (a re-import). */
  readonly unchanged: number;
}

/** Rejections are handed out as they are found, not collected: a corrupt 10 M-row file must not fill memory. */
export type RejectedRowListener = (row: RejectedRow) => void;

/** Parser → ledger, counting what each accepted row did. */
class LedgerImport {
  added = 0;
  replaced = 0;
  unchanged = 0;
  readonly parser: HistoryCsvParser;

  constructor(ledger: ApplicationLedger, validator: ApplicationFactValidator, onRejected: RejectedRowListener) {
    this.parser = new HistoryCsvParser(validator, {
      accept: (fact: CheckedApplicationFact) => {
        const outcome = ledger.record(fact);
        this[outcome]++;
      },
      reject: onRejected,
    });
  }

  finish(): HistoryImportReport {
    return { ...this.parser.end(), added: this.added, replaced: this.replaced, unchanged: this.unchanged };
  }
}

/** Imports a history held in memory (tests, the generator's self-check). */
export function importHistoryText(
  text: string,
  ledger: ApplicationLedger,
  validator: ApplicationFactValidator,
  onRejected: RejectedRowListener,
): HistoryImportReport {
  const run = new LedgerImport(ledger, validator, onRejected);
  run.parser.push(text);
  return run.finish();
}

/** Streams a history file from disk in 1 MiB chunks; memory stays flat whatever the file size. */
export async function importHistoryFile(
  filePath: string,
  ledger: ApplicationLedger,
  validator: ApplicationFactValidator,
  onRejected: RejectedRowListener,
): Promise<HistoryImportReport> {
  const run = new LedgerImport(ledger, validator, onRejected);
  const stream = createReadStream(filePath, { encoding: 'utf8', highWaterMark: 1 << 20 });
  for await (const chunk of stream) run.parser.push(chunk as string);
  return run.finish();
}
