import { join, resolve } from 'node:path';

import {
  ensureKafkaJars,
  isProcessAlive,
  KafkaPrerequisiteError,
  REPO_ROOT,
  startKafkaBroker,
  stopKafkaBrokerByPidFile,
} from '@welkom/infrastructure';

const usage = `Usage: node -r @swc-node/register deploy/kafka/kafka.cli.ts <command> [--data-dir <dir>]

  start   run a local Kafka broker in the foreground until Ctrl+C (data survives between runs)
  fetch   only download the broker's jars into .cache/kafka
  stop    stop the broker started with "start" in the same data dir (via its pid file)

  --data-dir  defaults to .cache/kafka/data`;

class CliUsageError extends Error {}

const defaultDataDir = resolve(REPO_ROOT, '.cache', 'kafka', 'data');
const liveCheckMs = 2_000;
const progress = (line: string): void => console.error(line);

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  const dataDir = dataDirFlag(flags);
  switch (command) {
    case 'start':
      return start(dataDir);
    case 'fetch': {
      const jars = await ensureKafkaJars({ log: progress });
      console.log(`Kafka ${jars.version} jars in ${jars.libsDir}`);
      return 0;
    }
    case 'stop': {
      const stopped = await stopKafkaBrokerByPidFile(dataDir, progress);
      console.log(stopped ? 'Kafka broker stopped' : `No Kafka broker running for ${dataDir}`);
      return 0;
    }
    default:
      console.error(usage);
      return command === undefined || command === '--help' ? 0 : 2;
  }
}

/** Foreground so that closing the terminal or Ctrl+C ends the broker with it. */
async function start(dataDir: string): Promise<number> {
  const broker = await startKafkaBroker({ dataDir, log: progress });
  console.log(`Kafka ${broker.version} listening on ${broker.brokers.join(',')} (pid ${broker.pid})`);
  console.log(`  export KAFKA_BROKERS=${broker.brokers.join(',')}`);
  console.log(`  broker log: ${join(broker.dataDir, 'logs', 'server.log')}`);
  return new Promise((done) => {
    const shutDown = (exitCode: number) => (): void => {
      clearInterval(liveCheck);
      broker.stop().then(
        () => done(exitCode),
        (error: unknown) => {
          console.error((error as Error).message);
          done(1);
        },
      );
    };
    process.once('SIGINT', shutDown(0));
    process.once('SIGTERM', shutDown(0));
    // A broker that dies on its own should not leave a CLI that looks healthy.
    const liveCheck = setInterval(() => {
      if (isProcessAlive(broker.pid)) return;
      console.error(`Kafka broker (pid ${broker.pid}) exited; see ${join(broker.dataDir, 'logs')}`);
      shutDown(1)();
    }, liveCheckMs);
  });
}

function dataDirFlag(flags: string[]): string {
  const index = flags.indexOf('--data-dir');
  if (index === -1) return defaultDataDir;
  const value = flags[index + 1];
  if (!value) throw new CliUsageError(`--data-dir needs a directory\n\n${usage}`);
  return resolve(value);
}

main(process.argv.slice(2)).then(
  (exitCode) => process.exit(exitCode),
  (error: unknown) => {
    // Prerequisite errors are already one actionable line; anything else keeps its stack for debugging.
    const isExpected = error instanceof KafkaPrerequisiteError || error instanceof CliUsageError;
    console.error(isExpected ? error.message : error);
    process.exit(error instanceof CliUsageError ? 2 : 1);
  },
);
