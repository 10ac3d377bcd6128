import { existsSync, readdirSync } from 'node:fs';
import { join, resolve } from 'node:path';

import {
  ensureKafkaJars,
  isProcessAlive,
  KafkaPrerequisiteError,
  REPO_ROOT,
  startKafkaCluster,
  stopKafkaBrokerByPidFile,
} from '@welkom/infrastructure';

const usage = `Usage: node -r @swc-node/register deploy/kafka/kafka.cli.ts <command> [--data-dir <dir>] [--brokers <n>]

  start   run a local Kafka broker (or cluster) in the foreground until Ctrl+C (data survives between runs)
  fetch   only download the broker's jars into .cache/kafka
  stop    stop the broker(s) started with "start" in the same data dir (via their pid files)

  --data-dir  defaults to .cache/kafka/data (a cluster: .cache/kafka/cluster-<n>)
  --brokers   nodes, each broker and KRaft controller (default 1); with 3 or more, topics get replication
              factor 3 and min.insync.replicas 2, as the project expects of a production cluster`;

class CliUsageError extends Error {}

const defaultDataDir = resolve(REPO_ROOT, '.cache', 'kafka', 'data');
const liveCheckMs = 2_000;
const progress = (line: string): void => console.error(line);

async function main(argv: string[]): Promise<number> {
  const [command, ...flags] = argv;
  const size = brokersFlag(flags);
  const dataDir = dataDirFlag(flags, size);
  switch (command) {
    case 'start':
      return start(dataDir, size);
    case 'fetch': {
      const jars = await ensureKafkaJars({ log: progress });
      console.log(`Kafka ${jars.version} jars in ${jars.libsDir}`);
      return 0;
    }
    case 'stop': {
      const nodeDirs = (existsSync(dataDir) ? readdirSync(dataDir, { withFileTypes: true }) : [])
        .filter((entry) => entry.isDirectory() && /^node-\d+$/.test(entry.name))
        .map((entry) => join(dataDir, entry.name));
      let stopped = 0;
      for (const dir of [dataDir, ...nodeDirs]) if (await stopKafkaBrokerByPidFile(dir, progress)) stopped += 1;
      console.log(stopped > 0 ? `${stopped} Kafka broker(s) stopped` : `No Kafka broker running for ${dataDir}`);
      return 0;
    }
    default:
      console.error(usage);
      return command === undefined || command === '--help' ? 0 : 2;
  }
}

/** Foreground so that closing the terminal or Ctrl+C ends the broker with it. */
async function start(dataDir: string, size: number): Promise<number> {
  const broker = await startKafkaCluster({ size, dataDir, log: progress });
  const pids = broker.nodes.map((node) => node.pid);
  console.log(`Kafka ${broker.version} listening on ${broker.brokers.join(',')} (pid ${pids.join(', ')})`);
  console.log(`  export KAFKA_BROKERS=${broker.brokers.join(',')}`);
  for (const node of broker.nodes) console.log(`  broker log: ${join(node.dataDir, 'logs', 'server.log')}`);
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
      const gone = broker.nodes.find((node) => !isProcessAlive(node.pid));
      if (!gone) return;
      console.error(`Kafka broker (pid ${gone.pid}) exited; see ${join(gone.dataDir, 'logs')}`);
      shutDown(1)();
    }, liveCheckMs);
  });
}

function brokersFlag(flags: string[]): number {
  const index = flags.indexOf('--brokers');
  if (index === -1) return 1;
  const value = Number(flags[index + 1]);
  if (!Number.isInteger(value) || value < 1 || value > 9) throw new CliUsageError(`--brokers needs a number from 1 to 9\n\n${usage}`);
  return value;
}

function dataDirFlag(flags: string[], size: number): string {
  const index = flags.indexOf('--data-dir');
  // A cluster never reuses a single broker's data: its metadata names a different voter set.
  if (index === -1) return size === 1 ? defaultDataDir : resolve(REPO_ROOT, '.cache', 'kafka', `cluster-${size}`);
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
