import { createReadStream } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ConfigError, DEV_PARTY_DIRECTORY_FILE, loadConfig, serviceConfigSchema } from '@welkom/config';
import { TOPICS } from '@welkom/events';
import type { CommandOutput } from '../cli/feed.cli-program';
import { ApplicationFactValidator } from '../../src/feed/application-fact.validator';
import { DEFAULT_REFERENCE_DIR, loadFeedReference } from '../../src/feed/feed-reference.loader';
import { describeRejectedRow } from '../history/history-csv.parser';
import { DEFAULT_IMPORT_BATCH_SIZE, importHistoryEvents, type HistoryEventImportReport } from './history-event.import';
import { KafkaHistoryEventSink, type HistoryEventSink } from './history-event.publisher';

const REPO_ROOT = path.resolve(__dirname, '..', '..', '..', '..');
export const DEFAULT_CERTIFICATES_DIR = path.join(REPO_ROOT, '.cache', 'certs');

export const HISTORY_IMPORT_USAGE = `Usage: npm run history:import -- --file <history.csv> [options]

Imports an IND application history into the running system: every valid row becomes a SUBMITTED status
event and, when decided, a GRANTED, REFUSED or WITHDRAWN event on ${TOPICS.applicationStatusChanged.name},
signed as the importing party. Event ids are derived from the rows, so importing the same file again changes
nothing. Rejected rows are listed with their line and reasons on stderr; the good rows are imported.

  --file <csv>            history CSV: application_id,category,citizenship,submitted_on,decided_on,decision[,sponsor_type]
  --party <key>           the importing party's development certificate (default ind); it must hold a
                          publisher role of the topic (deploy/parties/dev-parties.json)
  --certificates <dir>    party certificates <key>.crt/<key>.key (default $WELKOM_CERTIFICATES_DIR or .cache/certs)
  --parties <file>        party reference data (default deploy/parties/dev-parties.json)
  --reference <dir>       feed reference data (default apps/eu-reporting/reference)
  --batch-size <n>        events per Kafka request (default ${DEFAULT_IMPORT_BATCH_SIZE})
  --help

Environment: KAFKA_BROKERS (host:port[,host:port]), as \`npm start\` prints it. KAFKA_SECURITY=tls (as \`npm start\`'s
broker needs): the import connects with the importing party's certificate, trusting KAFKA_TLS_CA_FILE (default
<certificates>/ca.crt); the topic must exist, since a party may not create one.
`;

const importEnvironmentSchema = serviceConfigSchema.pick({ KAFKA_BROKERS: true, KAFKA_TLS_CA_FILE: true }).extend({
  // The import publishes as the party its certificate names, so it connects with that certificate or not at all:
  // SASL would make the broker see another principal than the one signing the events.
  KAFKA_SECURITY: z
    .enum(['plaintext', 'tls'], { message: 'the history import connects with mutual TLS (tls) or plaintext' })
    .default('plaintext'),
  WELKOM_CERTIFICATES_DIR: z.string().min(1).optional(),
});

export interface HistoryImportOptions {
  readonly file: string;
  readonly party: string;
  readonly certificatesDir: string;
  readonly partyDirectoryFile: string;
  readonly referenceDir: string;
  readonly batchSize: number;
  readonly brokers: string[];
  /** Connect over mutual TLS as the importing party, trusting this CA; plaintext when absent. */
  readonly kafkaTlsCaFile?: string;
}

export type HistoryImportArguments =
  | { readonly kind: 'run'; readonly options: HistoryImportOptions }
  | { readonly kind: 'help' }
  | { readonly kind: 'invalid'; readonly problems: readonly string[] };

/** Reads the command line and the environment, listing every problem at once. */
export function parseHistoryImportArguments(argv: readonly string[], env: NodeJS.ProcessEnv): HistoryImportArguments {
  let values: { [name: string]: string | boolean | undefined };
  try {
    values = parseArgs({
      args: [...argv],
      strict: true,
      allowPositionals: false,
      options: {
        file: { type: 'string' },
        party: { type: 'string' },
        certificates: { type: 'string' },
        parties: { type: 'string' },
        reference: { type: 'string' },
        'batch-size': { type: 'string' },
        help: { type: 'boolean' },
      },
    }).values;
  } catch (error) {
    return { kind: 'invalid', problems: [error instanceof Error ? error.message : String(error)] };
  }
  if (values.help === true) return { kind: 'help' };
  const text = (name: string): string | undefined => (typeof values[name] === 'string' ? values[name] : undefined);

  const problems: string[] = [];
  const file = text('file');
  if (file === undefined) problems.push('--file <csv> is required');
  const party = text('party') ?? 'ind';
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(party)) problems.push(`--party must be a party key such as ind (got "${party}")`);
  const batchSizeText = text('batch-size') ?? String(DEFAULT_IMPORT_BATCH_SIZE);
  const batchSize = /^\d{1,6}$/.test(batchSizeText) ? Number(batchSizeText) : 0;
  if (batchSize < 1) problems.push(`--batch-size must be a whole number from 1 to 999999 (got "${batchSizeText}")`);
  let environment: z.infer<typeof importEnvironmentSchema> | undefined;
  try {
    environment = loadConfig(importEnvironmentSchema, env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    problems.push(...error.problems);
  }
  if (problems.length > 0 || file === undefined || environment === undefined) return { kind: 'invalid', problems };
  const certificatesDir = text('certificates') ?? environment.WELKOM_CERTIFICATES_DIR ?? DEFAULT_CERTIFICATES_DIR;
  return {
    kind: 'run',
    options: {
      file,
      party,
      certificatesDir,
      partyDirectoryFile: text('parties') ?? DEV_PARTY_DIRECTORY_FILE,
      referenceDir: text('reference') ?? DEFAULT_REFERENCE_DIR,
      batchSize,
      brokers: environment.KAFKA_BROKERS,
      ...(environment.KAFKA_SECURITY === 'tls'
        ? { kafkaTlsCaFile: environment.KAFKA_TLS_CA_FILE ?? path.join(certificatesDir, 'ca.crt') }
        : {}),
    },
  };
}

/** Where the import's events go; the Kafka sink unless a test passes another. */
export type HistoryEventSinkFactory = (options: HistoryImportOptions) => Promise<HistoryEventSink>;

const kafkaSink: HistoryEventSinkFactory = (options) => {
  const party = {
    certificatePath: path.join(options.certificatesDir, `${options.party}.crt`),
    privateKeyPath: path.join(options.certificatesDir, `${options.party}.key`),
  };
  return KafkaHistoryEventSink.connect({
    brokers: options.brokers,
    // It publishes as the party, so on a secured cluster it connects as the party too.
    tls: options.kafkaTlsCaFile
      ? { caFile: options.kafkaTlsCaFile, certificateFile: party.certificatePath, privateKeyFile: party.privateKeyPath }
      : undefined,
    signing: party,
    partyDirectoryFile: options.partyDirectoryFile,
  });
};

function summary(options: HistoryImportOptions, report: HistoryEventImportReport, partyOin: string, seconds: number): string {
  const byStatus = Object.entries(report.eventsByStatus)
    .map(([status, count]) => `${count} ${status.toLowerCase()}`)
    .join(', ');
  const rate = seconds > 0 ? Math.round(report.events / seconds) : report.events;
  return (
    `history-import: ${report.lines} lines read: ${report.acceptedRows} rows imported, ` +
    `${report.rejectedRows} rejected, ${report.blankLines} blank\n` +
    `history-import: ${report.events} events (${byStatus}) published to ${TOPICS.applicationStatusChanged.name} ` +
    `as party ${options.party} (${partyOin}) in ${seconds.toFixed(1)} s (${rate} events/s)\n`
  );
}

/**
 * `npm run history:import -- …`; returns the exit code: 0 imported (rejected rows are reported, not fatal),
 * 1 unusable input or Kafka failure, 2 usage.
 */
export async function runHistoryImportCommand(
  argv: readonly string[],
  env: NodeJS.ProcessEnv,
  io: CommandOutput,
  sinkFactory: HistoryEventSinkFactory = kafkaSink,
): Promise<number> {
  const parsed = parseHistoryImportArguments(argv, env);
  if (parsed.kind === 'help') {
    io.stdout(HISTORY_IMPORT_USAGE);
    return 0;
  }
  if (parsed.kind === 'invalid') {
    io.stderr(`${parsed.problems.map((problem) => `history-import: ${problem}`).join('\n')}\n\n${HISTORY_IMPORT_USAGE}`);
    return 2;
  }
  const { options } = parsed;
  let sink: HistoryEventSink | undefined;
  try {
    const reference = loadFeedReference(options.referenceDir);
    sink = await sinkFactory(options);
    // The elapsed time is for the summary people read, not for any decision.
    const started = process.hrtime.bigint();
    const report = await importHistoryEvents(
      createReadStream(options.file, { encoding: 'utf8', highWaterMark: 1 << 20 }) as AsyncIterable<string>,
      new ApplicationFactValidator(reference.citizenships),
      sink,
      (row) => describeRejectedRow(row).forEach((line) => io.stderr(`history-import: rejected ${line}\n`)),
      options.batchSize,
    );
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    io.stdout(summary(options, report, sink.partyOin, seconds));
    return report.fatal === null ? 0 : 1;
  } catch (error) {
    io.stderr(`history-import: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  } finally {
    await sink?.close();
  }
}
