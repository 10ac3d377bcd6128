import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { FeedBreakdown, FeedPeriod, FeedReasonAxis, SmallCells } from '@welkom/contracts/generated/welkom/reporting/v1/talent_feed';
import { strictFake } from '@welkom/testing/strict-fake';
import type { ApplicationLedgerStore } from '../application-facts/application-ledger.store';
import { replayFeed } from '../../tools/cli/feed.cli-program';
import { FEED_FORMATS } from '../feed/feed-format.renderer';
import { loadFeedReference } from '../feed/feed-reference.loader';
import { HISTORY_COLUMNS } from '../../tools/history/history-csv.parser';
import { feedStreamCommandOf } from './feed-request.command';
import { FEED_CONTENT_TYPES, TalentFeedService } from './talent-feed.service';
import { ledgerOf, variedFacts } from './talent-feed.fixtures';

const reference = loadFeedReference();
const facts = variedFacts();
// The service's ledger fills in event order; the CLI's in file order. Shuffle to show order does not matter.
const ledger = ledgerOf([...facts].reverse(), reference);
const service = new TalentFeedService(
  strictFake<ApplicationLedgerStore>('ApplicationLedgerStore', {
    whenLoaded: async () => undefined,
    get current() {
      return ledger;
    },
  }),
  reference,
);

let directory: string;
let csvPath: string;
beforeAll(() => {
  directory = mkdtempSync(path.join(tmpdir(), 'talent-feed-'));
  csvPath = path.join(directory, 'history.csv');
  const rows = facts.map((f) =>
    [f.applicationId, f.category, f.citizenship, f.submittedOn, f.decidedOn ?? '', f.decision ?? '', f.sponsorType ?? ''].join(','),
  );
  writeFileSync(csvPath, `${[[...HISTORY_COLUMNS, 'sponsor_type'].join(','), ...rows].join('\n')}\n`);
});
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('the feed the service serves', () => {
  it.each(FEED_FORMATS)('is byte for byte what `npm run feed` prints for the same facts (%s)', async (format) => {
    const query = {
      period: 'year',
      reasonAxis: 'group',
      byCitizenship: false,
      bySponsorType: false,
      fromYear: 2019,
      toYear: 2022,
    } as const;
    const served = await service.render({ format, query });
    const replayed = await replayFeed({ inputPath: csvPath, format, query }, () => undefined);
    expect(replayed.report.rejectedRows).toBe(0);
    expect(served.body).toBe(replayed.output);
    expect(served.contentType).toBe(FEED_CONTENT_TYPES[format]);
  });

  it('is the same with breakdowns and the small-cell policy', async () => {
    const query = { period: 'quarter', reasonAxis: 'category', byCitizenship: true, bySponsorType: true } as const;
    const served = await service.render({ format: 'sdmx-csv', query });
    const replayed = await replayFeed({ inputPath: csvPath, format: 'sdmx-csv', query }, () => undefined);
    expect(served.body).toContain(',c,C');
    expect(served.body).toBe(replayed.output);
  });

  it('leak 7: protects small cells on every table it serves, the national one too, whatever the options say', async () => {
    const query = { period: 'month', reasonAxis: 'category', byCitizenship: false, bySponsorType: false } as const;
    const served = await service.render({ format: 'sdmx-csv', query, smallCells: false });
    const raw = await replayFeed({ inputPath: csvPath, format: 'sdmx-csv', query, smallCells: false }, () => undefined);
    const protectedReplay = await replayFeed({ inputPath: csvPath, format: 'sdmx-csv', query }, () => undefined);
    expect(served.body).toContain(',c,C');
    expect(served.body).toBe(protectedReplay.output);
    expect(served.body).not.toBe(raw.output);

    const streamed = await service.stream({ options: { format: 'json', query, smallCells: false }, fromPosition: 0 });
    const observations = streamed.flatMap((entry) => entry.series?.observations ?? []);
    expect(observations.some((o) => o.obsFlag === 'c' && o.value === undefined)).toBe(true);
    expect(observations.filter((o) => o.unit === 'NR' && o.value !== undefined && o.value > 0 && o.value < 10)).toEqual([]);
  });

  it('streams the rest after a position, exactly', async () => {
    const request = {
      fromPosition: '0',
      fromYear: 0,
      toYear: 0,
      period: FeedPeriod.FEED_PERIOD_QUARTER,
      reasonAxis: FeedReasonAxis.FEED_REASON_AXIS_GROUP,
      breakdown: [FeedBreakdown.FEED_BREAKDOWN_CITIZENSHIP],
      smallCells: SmallCells.SMALL_CELLS_ON,
    };
    const all = await service.stream(feedStreamCommandOf(request));
    expect(all.length).toBeGreaterThan(20);
    const middle = Math.floor(all.length / 2);
    const rest = await service.stream(feedStreamCommandOf({ ...request, fromPosition: all[middle - 1].position }));
    expect(rest).toEqual(all.slice(middle));
    expect(await service.stream(feedStreamCommandOf({ ...request, fromPosition: all[all.length - 1].position }))).toEqual([]);
  });
});
