import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { MultiBar, Presets } from 'cli-progress';
import { REPO_ROOT } from '@welkom/infrastructure';
import { DemoArgumentError, parseDemoArguments } from './demo.cli-arguments';
import { type DemoProgress, runDemo } from './demo-scenario';
import { formatSummary } from './demo-summary';
import { readRunningSystem, runningSystemFile } from './demo-system';

/** Without a terminal (a log file, CI) one line per phase as it ends: no bars redrawn into the file. */
function progressLines(): { progress: DemoProgress; stop: () => void } {
  return {
    progress: {
      phase(title, total) {
        const begun = performance.now();
        let done = 0;
        return {
          tick: () => void (done += 1),
          done: () => console.log(`[demo] ${title}: ${done}/${total} in ${((performance.now() - begun) / 1000).toFixed(1)} s`),
        };
      },
    },
    stop: () => undefined,
  };
}

/** One bar per phase, each filling as its cases move on; the cases' keys show what moved last. */
function progressBars(): { progress: DemoProgress; stop: () => void } {
  const bars = new MultiBar(
    {
      format: ' {bar} {value}/{total}  {title}  {detail}',
      hideCursor: true,
      clearOnComplete: false,
      noTTYOutput: true,
      notTTYSchedule: 10_000,
    },
    Presets.shades_classic,
  );
  return {
    progress: {
      phase(title, total) {
        const bar = bars.create(Math.max(total, 1), 0, { title, detail: '' });
        return {
          tick: (detail = '') => bar.increment(1, { title, detail }),
          done: () => bar.update(Math.max(total, 1), { title, detail: 'done' }),
        };
      },
    },
    stop: () => bars.stop(),
  };
}

/** `npm run demo -- [--seed N] [--scale N]`, against the system `npm start` runs in another terminal. */
async function main(argv: readonly string[]): Promise<void> {
  const args = parseDemoArguments(argv);
  const system = readRunningSystem(runningSystemFile(REPO_ROOT));
  const lines: string[] = [];
  // The libraries' own log lines (kafkajs through Nest's logger) would tear the bars; errors still show.
  Logger.overrideLogger(['error']);
  const { progress, stop } = process.stdout.isTTY ? progressBars() : progressLines();
  try {
    const summary = await runDemo({ ...args, system, progress, log: (line) => lines.push(line) });
    stop();
    for (const line of lines) console.log(line);
    console.log(`\n${formatSummary(summary)}`);
  } finally {
    stop();
  }
}

main(process.argv.slice(2)).then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof DemoArgumentError || error instanceof Error ? error.message : error);
    process.exit(error instanceof DemoArgumentError ? 2 : 1);
  },
);
