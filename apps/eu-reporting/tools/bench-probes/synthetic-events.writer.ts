import { closeSync, openSync, writeSync } from 'node:fs';
import { epochDayOf, formatIsoDate } from '@welkom/platform';
import { PERMIT_CATEGORIES } from '../../src/feed/permit-category';
import { HISTORY_COLUMNS } from '../history/history-csv.parser';
import { SeededRandom } from '../history/seeded-random';

export interface SyntheticEventsSummary {
  readonly events: number;
  readonly applications: number;
  readonly bytes: number;
}

const CITIZENSHIPS = ['IN', 'CN', 'TR', 'US', 'RU', 'BR', 'ID', 'KR', 'IR', 'PK', 'EG', 'NG', 'MX', 'VN', 'ZA', 'UA', 'JP', 'CA'];
const CITIZENSHIP_WEIGHTS = [30, 20, 8, 8, 5, 4, 4, 3, 3, 3, 2, 2, 2, 2, 1, 1, 1, 1];
const CATEGORY_WEIGHTS = [40, 5, 35, 6, 5, 2, 1, 6];
const DECISIONS = ['GRANTED', 'GRANTED', 'GRANTED', 'GRANTED', 'GRANTED', 'GRANTED', 'GRANTED', 'GRANTED', 'REFUSED', 'WITHDRAWN'];
/** One application in ten is reported twice: pending first, decided some 5,000 rows later (a status update). */
const RESTATED_PER_10 = 1;
const RESTATEMENT_DELAY_ROWS = 5_000;

/**
 * Streams `events` history rows to a file, 1 MiB at a time: applications over 2015–2024 with a skewed mix of
 * categories and citizenships, ~6 % still pending, and one application in ten appearing twice (pending, then
 * decided), so the replay exercises replacement as well as insertion. Seeded and allocation-light; the point
 * is to load the importer, not to be realistic.
 */
export function writeSyntheticEvents(filePath: string, events: number, seed = 1): SyntheticEventsSummary {
  const random = new SeededRandom(seed);
  const firstDay = epochDayOf(2015, 1, 1);
  const lastDay = epochDayOf(2024, 12, 31);
  const dates = Array.from({ length: lastDay - firstDay + 400 }, (_, i) => formatIsoDate(firstDay + i));
  const fd = openSync(filePath, 'w');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let buffered = 0;
  let bytes = 0;
  const flush = (): void => {
    writeSync(fd, buffer, 0, buffered);
    bytes += buffered;
    buffered = 0;
  };
  // Rows are ASCII, so latin1 writes them byte for byte without building one big string per flush.
  const emit = (row: string): void => {
    if (buffered + row.length > buffer.length) flush();
    buffered += buffer.write(row, buffered, 'latin1');
  };
  emit(`${HISTORY_COLUMNS.join(',')}\n`);

  const deferred: string[] = [];
  let deferredHead = 0;
  let written = 0;
  let applications = 0;
  try {
    while (written < events) {
      const waiting = deferred.length - deferredHead;
      // Release a decision once it has waited long enough, or when the remaining events are needed for the
      // decisions still waiting (every restated application gets its decision within the event count).
      if (waiting > RESTATEMENT_DELAY_ROWS || (waiting > 0 && written + waiting >= events)) {
        emit(deferred[deferredHead++]);
        written++;
        if (deferredHead > 100_000) {
          deferred.splice(0, deferredHead);
          deferredHead = 0;
        }
        continue;
      }
      applications++;
      const id = `BENCH-${`${1e9 + applications}`.slice(1)}`;
      const category = PERMIT_CATEGORIES[random.pickWeighted(CATEGORY_WEIGHTS)];
      const citizenship = CITIZENSHIPS[random.pickWeighted(CITIZENSHIP_WEIGHTS)];
      // Submissions advance through the decade as the stream goes on, like a real history export.
      const submitted = Math.min(lastDay - firstDay, Math.floor((written / events) * (lastDay - firstDay)) + random.nextInt(30));
      const head = `${id},${category},${citizenship},${dates[submitted]},`;
      const pending = random.nextInt(100) < 6;
      const decided = `${dates[submitted + 3 + random.nextInt(120)]},${DECISIONS[random.nextInt(DECISIONS.length)]}\n`;
      if (pending) {
        emit(`${head},\n`);
        written++;
      } else if (random.nextInt(10) < RESTATED_PER_10 && written + 2 <= events) {
        emit(`${head},\n`);
        written++;
        deferred.push(head + decided);
      } else {
        emit(head + decided);
        written++;
      }
    }
    flush();
  } finally {
    closeSync(fd);
  }
  return { events: written, applications, bytes };
}
