import { writeSyntheticEvents } from './synthetic-events.writer';

/**
 * `synthetic-events.cli.ts <file> <events> [seed]`: writes the feed bench's synthetic history and prints its
 * summary as one JSON line. Run by bench/feed as a process, so the bench needs none of the app's code.
 */
function main(): void {
  const [file, eventsText, seedText = '1'] = process.argv.slice(2);
  const events = Number(eventsText);
  const seed = Number(seedText);
  if (!file || !Number.isSafeInteger(events) || events < 1 || !Number.isSafeInteger(seed)) {
    process.stderr.write('usage: synthetic-events.cli.ts <file> <events ≥ 1> [seed]\n');
    process.exit(2);
  }
  process.stdout.write(`${JSON.stringify(writeSyntheticEvents(file, events, seed))}\n`);
}

main();
