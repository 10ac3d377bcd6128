import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { cpus } from 'node:os';
import { DEV_PARTY_DIRECTORY_FILE } from '@welkom/config';
import { createKafkaClient } from '@welkom/messaging';
import { databaseUrl, dropDatabase, ensureDatabase } from '@welkom/persistence';
import { startInfrastructure } from '@welkom/infrastructure';
import { benchFacts } from './bench-fact.codec';
import { runHubBackbone } from './hub-backbone.run';
import type { ApplyMode } from './hub-run.settings';
import type { RunFigures } from './latency.stats';
import { runPlainKafkajs } from './plain-kafkajs.run';

/**
 * Events per second and end-to-end latency (p50, p99) of the hub's event backbone, outbox → Kafka → inbox,
 * printed beside plain kafkajs produce → consume on the same broker in the same run, at 1 k, 10 k and 100 k
 * events (`--sizes 1000,10000`). Every event is produced as fast as the path allows, so latency includes
 * the queueing of a burst. Not a test: figures depend on the machine.
 *
 *   node -r @swc-node/register bench/events/event-backbone.bench.ts
 *
 * Each run's consuming side runs in a process of its own (consumer-side.ts), as a consuming service does; the
 * producing side (and, on the hub's path, its relay) in this one. Where the time goes (each process writes a profile):
 *
 *   node --cpu-prof --cpu-prof-dir=/tmp/events-profile -r @swc-node/register bench/events/event-backbone.bench.ts --sizes 10000
 *   node -r @swc-node/register bench/once-only/profile-summary.ts /tmp/events-profile/<file>.cpuprofile --busiest 5 --marker publishRound
 */
const HUB_OIN = '00000001999999990000';
// The relay's batch size, so both paths put the same number of records in a produce request.
const PRODUCE_BATCH = 500;
const PER_TRANSACTION = 500;
// One transaction per event is bounded by PostgreSQL's commit (fsync) rate; beyond 10 k it only takes long.
const ONE_BY_ONE_UP_TO = 10_000;

function sizesFromArguments(): number[] {
  const index = process.argv.indexOf('--sizes');
  const text = index < 0 ? '1000,10000,100000' : process.argv[index + 1];
  return text.split(',').map(Number);
}

interface Row {
  events: number;
  path: string;
  figures: RunFigures;
  plain?: RunFigures;
}

function format(rows: Row[]): string {
  const header = ['events', 'path', 'events/s', 'p50 ms', 'p99 ms', 'vs plain'];
  const lines = rows.map((row) => [
    row.events.toLocaleString('en'),
    row.path,
    Math.round(row.figures.eventsPerSecond).toLocaleString('en'),
    row.figures.p50Ms.toLocaleString('en'),
    row.figures.p99Ms.toLocaleString('en'),
    row.plain ? `${Math.round((100 * row.figures.eventsPerSecond) / row.plain.eventsPerSecond)} %` : '',
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...lines.map((line) => line[column].length)));
  const render = (cells: string[]) =>
    cells.map((cell, column) => (column === 1 ? cell.padEnd(widths[column]) : cell.padStart(widths[column]))).join('  ');
  return [render(header), render(widths.map((width) => '-'.repeat(width))), ...lines.map(render)].join('\n');
}

async function main(): Promise<void> {
  const log = (line: string): void => console.log(`  [infrastructure] ${line}`);
  const infrastructure = await startInfrastructure({ log });
  const kafka = createKafkaClient({ clientId: 'bench-plain', brokers: infrastructure.kafkaBrokers, tls: infrastructure.kafkaTls });
  const hub = infrastructure.certificates.parties.hub;
  const rows: Row[] = [];
  try {
    console.log(
      `Event backbone benchmark: ${infrastructure.kafkaDescription}; ${infrastructure.postgresDescription}; ${cpus().length} cores`,
    );
    for (const size of sizesFromArguments()) {
      const runId = randomBytes(4).toString('hex');
      const facts = benchFacts(runId, size);
      const plain = await runPlainKafkajs(
        kafka,
        { brokers: infrastructure.kafkaBrokers, tls: infrastructure.kafkaTls },
        runId,
        facts,
        PRODUCE_BATCH,
      );
      rows.push({ events: size, path: 'plain kafkajs produce → consume', figures: plain });
      console.log(format(rows.slice(-1)));
      const modes: ApplyMode[] = size <= ONE_BY_ONE_UP_TO ? ['in-batches', 'one-by-one'] : ['in-batches'];
      for (const mode of modes) {
        const names = [`welkom_bench_out_${runId}_${mode[0]}`, `welkom_bench_in_${runId}_${mode[0]}`];
        for (const name of names) await ensureDatabase(infrastructure.postgresUrl, name);
        try {
          const figures = await runHubBackbone(
            {
              runId: `${runId}-${mode}`,
              brokers: infrastructure.kafkaBrokers,
              tls: infrastructure.kafkaTls,
              producerDatabaseUrl: databaseUrl(infrastructure.postgresUrl, names[0]),
              consumerDatabaseUrl: databaseUrl(infrastructure.postgresUrl, names[1]),
              partyOin: HUB_OIN,
              certificatePath: hub.certificatePath,
              privateKeyPath: hub.privateKeyPath,
              caCertificatePath: infrastructure.certificates.caCertificatePath,
              partyDirectoryFile: DEV_PARTY_DIRECTORY_FILE,
              mode,
              perTransaction: PER_TRANSACTION,
            },
            facts,
          );
          const path = mode === 'in-batches' ? 'outbox → Kafka → inbox (@OnEventBatch)' : 'outbox → Kafka → inbox (@OnEvent)';
          rows.push({ events: size, path, figures, plain });
          console.log(format(rows.slice(-1)));
        } finally {
          for (const name of names) await dropDatabase(infrastructure.postgresUrl, name);
        }
      }
    }
    console.log(`\n${format(rows)}`);
    console.log(
      `\nProducing side: ${PER_TRANSACTION} events per outbox transaction, relay batches of ${PRODUCE_BATCH}; every event signed at enqueue` +
        ' (one ES256 signature per 128 events over a Merkle root, an inclusion proof per event) and verified (chain, OIN, role,' +
        ' proof, root signature) by the consumer. Effect = the inbox row.',
    );
  } finally {
    await infrastructure.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
