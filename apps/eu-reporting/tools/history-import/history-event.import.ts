import type { ApplicationFactValidator } from '../../src/feed/application-fact.validator';
import { HistoryCsvParser, type HistoryParseSummary, type RejectedRow } from '../history/history-csv.parser';
import type { HistoryEventSink } from './history-event.publisher';
import { historyStatusEvents, type HistoryStatusEvent } from './history-status-events';

export const IMPORTED_STATUSES = ['SUBMITTED', 'GRANTED', 'REFUSED', 'WITHDRAWN'] as const;
export type ImportedStatus = (typeof IMPORTED_STATUSES)[number];

export interface HistoryEventImportReport extends HistoryParseSummary {
  /** Events handed to the sink and acknowledged. */
  readonly events: number;
  readonly eventsByStatus: Readonly<Record<ImportedStatus, number>>;
}

export const DEFAULT_IMPORT_BATCH_SIZE = 1_000;

/**
 * A history file into status events: the core CSV parser and validator judge every row (a bad row is
 * reported with its line and reasons and the good ones go on), each accepted row becomes its status events,
 * and they leave in batches as the file streams in, so memory stays flat whatever the file's size.
 */
export async function importHistoryEvents(
  chunks: AsyncIterable<string>,
  validator: ApplicationFactValidator,
  sink: HistoryEventSink,
  onRejected: (row: RejectedRow) => void,
  batchSize = DEFAULT_IMPORT_BATCH_SIZE,
): Promise<HistoryEventImportReport> {
  const pending: HistoryStatusEvent[] = [];
  const eventsByStatus: Record<ImportedStatus, number> = { SUBMITTED: 0, GRANTED: 0, REFUSED: 0, WITHDRAWN: 0 };
  const parser = new HistoryCsvParser(validator, {
    accept: (fact) => {
      for (const event of historyStatusEvents(fact)) {
        pending.push(event);
        eventsByStatus[event.payload.status.slice('APPLICATION_STATUS_'.length) as ImportedStatus] += 1;
      }
    },
    reject: onRejected,
  });
  let events = 0;
  const send = async (count: number): Promise<void> => {
    await sink.publish(pending.splice(0, count));
    events += count;
  };
  for await (const chunk of chunks) {
    parser.push(chunk);
    while (pending.length >= batchSize) await send(batchSize);
  }
  const summary = parser.end();
  while (pending.length > 0) await send(Math.min(batchSize, pending.length));
  await sink.flush();
  return { ...summary, events, eventsByStatus };
}
