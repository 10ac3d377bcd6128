import { ApplicationFactValidator } from '../../src/feed/application-fact.validator';
import { loadFeedReference } from '../../src/feed/feed-reference.loader';
import { describeRejectedRow } from '../history/history-csv.parser';
import { importHistoryEvents } from './history-event.import';
import type { HistoryEventSink } from './history-event.publisher';
import type { HistoryStatusEvent } from './history-status-events';

const validator = new ApplicationFactValidator(loadFeedReference().citizenships);

class RecordingSink implements HistoryEventSink {
  readonly partyOin = '00000001812345670000';
  readonly batches: HistoryStatusEvent[][] = [];
  flushed = false;
  async publish(events: readonly HistoryStatusEvent[]): Promise<void> {
    this.batches.push([...events]);
  }
  async flush(): Promise<void> {
    this.flushed = true;
  }
  async close(): Promise<void> {}
}

async function* chunksOf(text: string, size: number): AsyncGenerator<string> {
  for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
}

const HISTORY = [
  'application_id,category,citizenship,submitted_on,decided_on,decision',
  'A-1,HIGHLY_SKILLED_MIGRANT,IN,2020-01-02,2020-01-20,GRANTED',
  'A-2,STUDENT,CN,2020-02-30,,',
  'A-3,STUDENT,CN,2020-06-01,,',
  'A-4,TOURIST,US,2020-06-01,2020-05-01,GRANTED',
  'A-5,EU_BLUE_CARD,TR,2020-03-01,2020-04-01,WITHDRAWN',
].join('\n');

describe('importing a history file as status events', () => {
  it('publishes the events of good rows in batches and order, reporting each bad row with its line and reasons', async () => {
    const sink = new RecordingSink();
    const rejected: string[] = [];
    const report = await importHistoryEvents(chunksOf(HISTORY, 7), validator, sink, (row) => rejected.push(...describeRejectedRow(row)), 2);
    expect(rejected).toEqual([
      'line 3, submitted_on: INVALID_DATE: "2020-02-30" is not a day in the calendar',
      'line 5, category: UNKNOWN_CATEGORY: "TOURIST" is not one of HIGHLY_SKILLED_MIGRANT, EU_BLUE_CARD, STUDENT, RESEARCHER, ORIENTATION_YEAR, START_UP, ESSENTIAL_START_UP_PERSONNEL, FAMILY_MEMBER, SELF_EMPLOYED',
      'line 5, decided_on: DECIDED_BEFORE_SUBMITTED: "2020-05-01" is before the submission date "2020-06-01"',
    ]);
    expect(sink.batches.map((batch) => batch.map((e) => `${e.payload.applicationRef}:${e.payload.status.slice(19)}`))).toEqual([
      ['A-1:SUBMITTED', 'A-1:GRANTED'],
      ['A-3:SUBMITTED', 'A-5:SUBMITTED'],
      ['A-5:WITHDRAWN'],
    ]);
    expect(sink.flushed).toBe(true);
    expect(report).toMatchObject({
      lines: 6,
      acceptedRows: 3,
      rejectedRows: 2,
      events: 5,
      eventsByStatus: { SUBMITTED: 3, GRANTED: 1, REFUSED: 0, WITHDRAWN: 1 },
      fatal: null,
    });
  });

  it('publishes nothing from a file without its header', async () => {
    const sink = new RecordingSink();
    const report = await importHistoryEvents(chunksOf(HISTORY.split('\n').slice(1).join('\n'), 100), validator, sink, () => undefined);
    expect(report.fatal?.line).toBe(1);
    expect(sink.batches).toEqual([]);
  });
});
