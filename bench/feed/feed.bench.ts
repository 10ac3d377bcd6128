import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';

/** The feed's in-process probes, run as processes: the bench measures the app from outside. */
const PROBES = path.resolve(__dirname, '../../apps/eu-reporting/tools/bench-probes');

interface SyntheticEventsSummary {
  events: number;
  applications: number;
  bytes: number;
}

/**
 * Replays N generated events (default 10 million; `--events n`) through the feed pipeline and prints
 * events/s, wall time, peak RSS and peak heap. The replay runs in a child process — the same functions the
 * CLI calls — so the generator's own memory does not blur its figures; the raw ceiling printed beside it is
 * the time to merely read the file line by line.
 */
function argument(name: string, fallback: number): number {
  const index = process.argv.indexOf(`--${name}`);
  return index < 0 ? fallback : Number(process.argv[index + 1]);
}

interface ProbeResult {
  rows: number;
  rejected: number;
  applications: number;
  added: number;
  replaced: number;
  unchanged: number;
  replaySeconds: number;
  nationalAggregateSeconds: number;
  monthlyCitizenshipSeconds: number;
  monthlyCitizenshipSeries: number;
  monthlyCitizenshipSdmxBytes: number;
  ledgerRetainedBytes: number;
  peakRssBytes: number;
  peakHeapUsedBytes: number;
  peakArrayBufferBytes: number;
}

function runNode(script: string, args: string[]): { stdout: string; seconds: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, ['-r', '@swc-node/register', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 1 << 26,
    cwd: path.resolve(__dirname, '../..'),
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.status !== 0) throw new Error(`${script} failed (${result.status}): ${result.stderr}`);
  return { stdout: result.stdout, seconds };
}

const mb = (bytes: number): string => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

function main(): void {
  const events = argument('events', 10_000_000);
  const directory = mkdtempSync(path.join(tmpdir(), 'feed-bench-'));
  try {
    const file = path.join(directory, 'events.csv');
    const writer = runNode(path.join(PROBES, 'synthetic-events.cli.ts'), [file, String(events), String(argument('seed', 1))]);
    const generated = JSON.parse(writer.stdout) as SyntheticEventsSummary;
    const generateSeconds = writer.seconds;
    console.log(
      `generated ${generated.events.toLocaleString('en')} events for ${generated.applications.toLocaleString('en')} applications ` +
        `(${mb(generated.bytes)}) in ${generateSeconds.toFixed(1)} s`,
    );

    const ceiling = runNode(path.join(__dirname, 'line-count.probe.ts'), [file]);
    const probe = runNode(path.join(PROBES, 'replay.probe.ts'), [file]);
    const result = JSON.parse(probe.stdout) as ProbeResult;
    const perApplication = result.ledgerRetainedBytes / result.applications;

    console.log(`raw ceiling (stream the file, count lines, nothing else): ${ceiling.stdout.trim()}`);
    console.log(
      `replay: ${result.rows.toLocaleString('en')} events -> ${result.applications.toLocaleString('en')} applications ` +
        `(${result.added} added, ${result.replaced} replaced, ${result.unchanged} unchanged, ${result.rejected} rejected)`,
    );
    console.log(`  replay as the CLI runs it (import + annual feed + JSON): ${result.replaySeconds.toFixed(1)} s`);
    console.log(
      `  events/s:                                               ${Math.round(result.rows / result.replaySeconds).toLocaleString('en')}`,
    );
    console.log(`  of which the aggregation (one pass over the ledger):    ${result.nationalAggregateSeconds.toFixed(2)} s`);
    console.log(
      `  month x category x citizenship to SDMX-CSV:             ${result.monthlyCitizenshipSeconds.toFixed(1)} s ` +
        `(${result.monthlyCitizenshipSeries.toLocaleString('en')} series, ${mb(result.monthlyCitizenshipSdmxBytes)})`,
    );
    console.log(
      `  wall time of the replay process:                        ${probe.seconds.toFixed(1)} s (node start, replay, the breakdown)`,
    );
    console.log(
      `  peak RSS ${mb(result.peakRssBytes)}, peak JS heap used ${mb(result.peakHeapUsedBytes)}, ` +
        `peak ArrayBuffers ${mb(result.peakArrayBufferBytes)}`,
    );
    console.log(`  ledger state ${mb(result.ledgerRetainedBytes)} = ${perApplication.toFixed(1)} bytes per application`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main();
