import { createReadStream } from 'node:fs';

/** The raw ceiling for the replay: stream the file as text and count lines, doing nothing with them. */
async function main(): Promise<void> {
  const started = process.hrtime.bigint();
  let lines = 0;
  for await (const chunk of createReadStream(process.argv[2], { encoding: 'utf8', highWaterMark: 1 << 20 })) {
    const text = chunk as string;
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lines++;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(
    `${lines.toLocaleString('en')} lines in ${seconds.toFixed(2)} s (${Math.round(lines / seconds).toLocaleString('en')} lines/s)\n`,
  );
}

void main();
