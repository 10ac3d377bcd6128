import { resolvePostgres } from '@welkom/infrastructure';

const USAGE = `usage: node -r @swc-node/register deploy/postgres/postgres.cli.ts start

  start   find or start PostgreSQL (DATABASE_URL, else 127.0.0.1:5432, else embedded in .cache/postgres;
          WELKOM_POSTGRES=embedded forces embedded). Prints DATABASE_URL=<url> on stdout. If it started a
          server, it stays in the foreground and stops the server on Ctrl-C / SIGTERM.`;

async function start(): Promise<void> {
  const log = (line: string): void => void process.stderr.write(`[postgres] ${line}\n`);
  const handle = await resolvePostgres({ log });
  process.stderr.write(`${handle.description}\n`);
  process.stdout.write(`DATABASE_URL=${handle.url}\n`);
  if (!handle.startedHere) return;

  process.stderr.write('running; press Ctrl-C to stop\n');
  await new Promise<void>((resolveSignal) => {
    process.once('SIGINT', () => resolveSignal());
    process.once('SIGTERM', () => resolveSignal());
  });
  await handle.stop();
  process.stderr.write('stopped\n');
}

async function main(argv: string[]): Promise<number> {
  switch (argv[0]) {
    case 'start':
      await start();
      return 0;
    default:
      process.stderr.write(`${USAGE}\n`);
      return argv[0] === undefined || argv[0] === '--help' ? 0 : 2;
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
