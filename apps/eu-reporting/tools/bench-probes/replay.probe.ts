import { getHeapStatistics } from 'node:v8';
import { replayFeed } from '../cli/feed.cli-program';
import { renderFeed } from '../../src/feed/feed-format.renderer';
import { NATIONAL_ANNUAL_BY_GROUP } from '../../src/feed/feed-query';
import { loadFeedReference } from '../../src/feed/feed-reference.loader';
import { buildFeedTable } from '../../src/feed/feed-table.builder';

/**
 * Runs exactly what `npm run feed -- --input <file> --format json` runs (`replayFeed`), in a process of its
 * own so the peak RSS is the replay's alone; then times the aggregation on its own and a heavy breakdown
 * (month × category × citizenship to SDMX-CSV) on the same ledger. Prints one JSON line.
 */
async function main(): Promise<void> {
  const [inputPath] = process.argv.slice(2);
  let peakHeapUsed = 0;
  let peakArrayBuffers = 0;
  const sample = (): void => {
    const usage = process.memoryUsage();
    peakHeapUsed = Math.max(peakHeapUsed, usage.heapUsed);
    peakArrayBuffers = Math.max(peakArrayBuffers, usage.arrayBuffers);
  };
  const sampler = setInterval(sample, 50);
  const seconds = (from: bigint): number => Number(process.hrtime.bigint() - from) / 1e9;

  const replayStart = process.hrtime.bigint();
  let rejected = 0;
  const { output, report, ledger } = await replayFeed({ inputPath, format: 'json', query: NATIONAL_ANNUAL_BY_GROUP }, () => rejected++);
  const replaySeconds = seconds(replayStart);
  sample();

  const reference = loadFeedReference();
  const aggregateStart = process.hrtime.bigint();
  buildFeedTable(ledger, reference, NATIONAL_ANNUAL_BY_GROUP);
  const nationalAggregateSeconds = seconds(aggregateStart);

  const breakdownStart = process.hrtime.bigint();
  const monthly = buildFeedTable(ledger, reference, { period: 'month', reasonAxis: 'category', byCitizenship: true, bySponsorType: false });
  const sdmx = renderFeed(monthly, 'sdmx-csv', reference);
  const breakdownSeconds = seconds(breakdownStart);
  sample();
  clearInterval(sampler);

  process.stdout.write(
    `${JSON.stringify({
      rows: report.acceptedRows,
      rejected,
      applications: ledger.size,
      added: report.added,
      replaced: report.replaced,
      unchanged: report.unchanged,
      replaySeconds,
      nationalAggregateSeconds,
      nationalOutputBytes: output.length,
      monthlyCitizenshipSeconds: breakdownSeconds,
      monthlyCitizenshipSeries: monthly.series.length,
      monthlyCitizenshipSdmxBytes: sdmx.length,
      ledgerRetainedBytes: ledger.retainedBytes(),
      peakRssBytes: process.resourceUsage().maxRSS * 1024,
      peakHeapUsedBytes: peakHeapUsed,
      peakArrayBufferBytes: peakArrayBuffers,
      heapSizeLimitBytes: getHeapStatistics().heap_size_limit,
    })}\n`,
  );
}

void main();
