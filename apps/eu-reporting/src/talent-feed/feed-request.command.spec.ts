import {
  FeedBreakdown,
  FeedPeriod,
  FeedReasonAxis,
  SmallCells,
  type StreamFeedRequest,
} from '@welkom/contracts/generated/welkom/reporting/v1/talent_feed';
import { DomainError } from '@welkom/errors';
import { parseFeedArguments } from '../../tools/cli/feed.cli-arguments';
import { feedOptionsFromHttpQuery, feedStreamCommandOf } from './feed-request.command';

function violationsOf(run: () => unknown): { field: string; description: string }[] {
  try {
    run();
  } catch (error) {
    if (error instanceof DomainError) return [...error.fieldViolations];
    throw error;
  }
  throw new Error('expected the request to be refused');
}

const RAW_CELLS_REFUSAL = 'this feed always protects small cells, whoever asks';

const streamRequest: StreamFeedRequest = {
  fromPosition: '0',
  fromYear: 0,
  toYear: 0,
  period: FeedPeriod.FEED_PERIOD_UNSPECIFIED,
  reasonAxis: FeedReasonAxis.FEED_REASON_AXIS_UNSPECIFIED,
  breakdown: [],
  smallCells: SmallCells.SMALL_CELLS_UNSPECIFIED,
};

describe('feed requests over HTTP', () => {
  it('reads the same options as `npm run feed`, into the same query', () => {
    const http = feedOptionsFromHttpQuery({
      format: 'sdmx-csv',
      from: '2015',
      to: '2022',
      period: 'quarter',
      by: 'category',
      breakdown: 'citizenship,sponsor-type',
      'small-cells': 'on',
      'last-update': '2023-02-01T09:30:00',
    });
    const cli = parseFeedArguments([
      '--input',
      'x.csv',
      '--format',
      'sdmx-csv',
      '--from',
      '2015',
      '--to',
      '2022',
      '--period',
      'quarter',
      '--by',
      'category',
      '--breakdown',
      'citizenship,sponsor-type',
      '--small-cells',
      'on',
      '--last-update',
      '2023-02-01T09:30:00',
    ]);
    expect(cli.kind).toBe('run');
    const { inputPath: _input, ...cliOptions } = (cli as Extract<typeof cli, { kind: 'run' }>).options;
    expect(http).toEqual(cliOptions);
  });

  it('defaults to the national annual table as JSON', () => {
    expect(feedOptionsFromHttpQuery({})).toEqual({
      format: 'json',
      query: { period: 'year', reasonAxis: 'group', byCitizenship: false, bySponsorType: false },
    });
  });

  it('refuses bad, unknown and repeated parameters, naming each', () => {
    expect(violationsOf(() => feedOptionsFromHttpQuery({ format: 'xml', from: '15', to: ['2020', '2021'], year: '2020' }))).toEqual([
      { field: 'to', description: 'to must be given once, as text' },
      { field: 'year', description: 'year is not a feed parameter (format, from, to, period, by, breakdown, small-cells, last-update)' },
      { field: 'format', description: 'format must be one of json, sdmx-csv, table, svg (got "xml")' },
      { field: 'from', description: 'from must be a year YYYY (got "15")' },
    ]);
    expect(violationsOf(() => feedOptionsFromHttpQuery({ from: '2022', to: '2015' }))).toEqual([
      { field: 'from', description: 'from must not be after to' },
    ]);
  });

  it('leak 7: refuses small-cells=off with a violation on small-cells, where the CLI over a raw history file accepts it', () => {
    expect(violationsOf(() => feedOptionsFromHttpQuery({ breakdown: 'citizenship', 'small-cells': 'off' }))).toEqual([
      { field: 'small-cells', description: `small-cells off is refused: ${RAW_CELLS_REFUSAL}` },
    ]);
    const cli = parseFeedArguments(['--input', 'x.csv', '--small-cells', 'off']);
    expect(cli.kind === 'run' && cli.options.smallCells).toBe(false);
  });
});

describe('feed requests over gRPC', () => {
  it('maps the request to the same options', () => {
    const command = feedStreamCommandOf({
      ...streamRequest,
      fromPosition: '12345',
      fromYear: 2015,
      toYear: 2022,
      period: FeedPeriod.FEED_PERIOD_MONTH,
      reasonAxis: FeedReasonAxis.FEED_REASON_AXIS_CATEGORY,
      breakdown: [FeedBreakdown.FEED_BREAKDOWN_SPONSOR_TYPE],
      smallCells: SmallCells.SMALL_CELLS_ON,
    });
    expect(command).toEqual({
      fromPosition: 12345,
      options: {
        format: 'json',
        smallCells: true,
        query: { period: 'month', reasonAxis: 'category', byCitizenship: false, bySponsorType: true, fromYear: 2015, toYear: 2022 },
      },
    });
  });

  it('refuses a bad position, years and an unspecified breakdown in the request’s own field names', () => {
    expect(
      violationsOf(() =>
        feedStreamCommandOf({
          ...streamRequest,
          fromPosition: '-1',
          fromYear: 15,
          toYear: 2020,
          breakdown: [FeedBreakdown.FEED_BREAKDOWN_UNSPECIFIED],
        }),
      ),
    ).toEqual([
      { field: 'from_position', description: 'must be a position from a previous stream (got "-1")' },
      { field: 'from_year', description: 'from_year must be a year YYYY (got "15")' },
      { field: 'breakdown', description: 'breakdown accepts citizenship and sponsor-type (got "FEED_BREAKDOWN_UNSPECIFIED")' },
    ]);
  });

  it('leak 7: refuses SMALL_CELLS_OFF with INVALID_ARGUMENT on small_cells instead of ignoring it', () => {
    let refusal: unknown;
    try {
      feedStreamCommandOf({ ...streamRequest, smallCells: SmallCells.SMALL_CELLS_OFF });
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toMatchObject({
      code: 'INVALID_ARGUMENT',
      reason: 'INVALID_FEED_REQUEST',
      fieldViolations: [{ field: 'small_cells', description: `small_cells off is refused: ${RAW_CELLS_REFUSAL}` }],
    });
  });
});
