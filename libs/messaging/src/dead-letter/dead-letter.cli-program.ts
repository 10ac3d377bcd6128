import { BinaryReader } from '@bufbuild/protobuf/wire';
import type { Kafka } from 'kafkajs';
import type { TopicCatalog } from '../topic-catalog';
import type { DeadLetterReplayer, ReplayAuthority } from './dead-letter.replayer';
import { listDeadLetters, type DeadLetterRecord } from './dead-letter.store';

export const DEAD_LETTER_USAGE = `Usage: npm run dlt -- <command>
  list   [--topic <source topic>]... [--class <error class>] [--group <consumer group>]
         every dead letter with its reason (and, with DATABASE_URL, how often it was replayed)
  show   <dead-letter id>
         one dead letter in full: where it came from, why, its envelope and payload
  replay <dead-letter id>...
  replay --all [--topic <source topic>]... [--class <error class>] [--group <consumer group>]
         publish the original records to their source topics unchanged, each first recorded in the hub's
         audit trail with you in person (your operator certificate says who), then in the replay log
A dead-letter id is <dead-letter topic>:<partition>:<offset>, as list prints it.
Environment: KAFKA_BROKERS (required), DATABASE_URL (the database recording replays; required for replay),
  and for replay HUB_GRPC_ADDRESS, TLS_CA_FILE, OPERATOR_TLS_CERT_FILE and OPERATOR_TLS_KEY_FILE (your operator
  certificate, e.g. .cache/certs/operator.anna.devries.crt in development); optionally TLS_CERT_FILE and
  TLS_KEY_FILE (the replaying party: replays carry a mark signed with them, so a STALE event, older than the
  consumers' EVENT_FRESHNESS_WINDOW_MS, applies when replayed).`;

export interface DeadLetterCommandContext {
  kafka: Kafka;
  topics: TopicCatalog;
  /** Absent without DATABASE_URL: listing still works, replaying does not. */
  replayer?: DeadLetterReplayer;
  /** Absent without an operator certificate and the hub's address: listing still works, replaying does not. */
  authority?: ReplayAuthority;
  out: (line: string) => void;
}

interface ParsedArguments {
  command: string;
  ids: string[];
  topics: string[];
  errorClass?: string;
  group?: string;
  all: boolean;
}

export class DeadLetterCommandError extends Error {}

/** `npm run dlt -- list|show|replay …`; returns the process exit code. */
export async function runDeadLetterCommand(argv: readonly string[], context: DeadLetterCommandContext): Promise<number> {
  const args = parseArguments(argv);
  switch (args.command) {
    case 'list':
      return list(args, context);
    case 'show':
      return show(args, context);
    case 'replay':
      return replay(args, context);
    default:
      context.out(DEAD_LETTER_USAGE);
      return args.command === 'help' ? 0 : 2;
  }
}

function parseArguments(argv: readonly string[]): ParsedArguments {
  const [command = 'help', ...rest] = argv;
  const parsed: ParsedArguments = { command, ids: [], topics: [], all: false };
  for (let index = 0; index < rest.length; index += 1) {
    const argument = rest[index];
    const value = (): string => {
      const next = rest[++index];
      if (next === undefined) throw new DeadLetterCommandError(`${argument} needs a value`);
      return next;
    };
    if (argument === '--topic') parsed.topics.push(value());
    else if (argument === '--class') parsed.errorClass = value();
    else if (argument === '--group') parsed.group = value();
    else if (argument === '--by') {
      throw new DeadLetterCommandError(
        '--by is gone: a replay is recorded with the operator their certificate names (OPERATOR_TLS_CERT_FILE)',
      );
    } else if (argument === '--all') parsed.all = true;
    else if (argument.startsWith('--')) throw new DeadLetterCommandError(`unknown option ${argument}`);
    else parsed.ids.push(argument);
  }
  return parsed;
}

async function selected(args: ParsedArguments, context: DeadLetterCommandContext): Promise<DeadLetterRecord[]> {
  const letters = await listDeadLetters(context.kafka, args.topics);
  return letters.filter(
    (letter) =>
      (args.errorClass === undefined || letter.errorClass === args.errorClass) &&
      (args.group === undefined || letter.consumerGroup === args.group) &&
      (args.ids.length === 0 || args.ids.includes(letter.id)),
  );
}

async function list(args: ParsedArguments, context: DeadLetterCommandContext): Promise<number> {
  const letters = await selected(args, context);
  const replays = (await context.replayer?.replayCounts()) ?? new Map<string, number>();
  context.out(`${letters.length} dead letter(s)`);
  for (const letter of letters) {
    context.out(
      [
        letter.id,
        letter.errorClass,
        `group=${letter.consumerGroup}`,
        `from=${letter.sourceTopic}[${letter.sourcePartition}]@${letter.sourceOffset}`,
        `event=${letter.eventId ?? '-'}`,
        `at=${letter.deadLetteredAt}`,
        `replayed=${replays.get(letter.id) ?? 0}`,
        `reason=${JSON.stringify(letter.reason)}`,
      ].join('  '),
    );
  }
  return 0;
}

async function show(args: ParsedArguments, context: DeadLetterCommandContext): Promise<number> {
  if (args.ids.length !== 1) throw new DeadLetterCommandError('show takes exactly one dead-letter id');
  const topic = args.ids[0].split(':')[0];
  const letter = (await listDeadLetters(context.kafka, [topicBeforeDeadLetterSuffix(topic)])).find((each) => each.id === args.ids[0]);
  if (!letter) {
    context.out(`No dead letter ${args.ids[0]}`);
    return 1;
  }
  const replays = (await context.replayer?.replayCounts())?.get(letter.id) ?? 0;
  context.out(
    JSON.stringify(
      {
        ...letter,
        replays,
        key: letter.key?.toString('utf8') ?? null,
        value: letter.value?.toString('base64') ?? null,
        headers: Object.fromEntries(Object.entries(letter.headers).map(([name, value]) => [name, String(value)])),
        payload: decodePayload(letter, context.topics),
      },
      null,
      2,
    ),
  );
  return 0;
}

async function replay(args: ParsedArguments, context: DeadLetterCommandContext): Promise<number> {
  if (!context.replayer) throw new DeadLetterCommandError('replay records every replay: set DATABASE_URL');
  if (!context.authority) {
    throw new DeadLetterCommandError(
      'replay is recorded in the hub audit trail with you in person: set HUB_GRPC_ADDRESS, TLS_CA_FILE, OPERATOR_TLS_CERT_FILE, OPERATOR_TLS_KEY_FILE',
    );
  }
  if (!args.all && args.ids.length === 0) throw new DeadLetterCommandError('name the dead letters to replay, or pass --all');
  const letters = await selected(args, context);
  const missing = args.ids.filter((id) => !letters.some((letter) => letter.id === id));
  if (missing.length > 0) throw new DeadLetterCommandError(`no such dead letter(s): ${missing.join(', ')}`);
  const replayed = await context.replayer.replay(letters, context.authority);
  for (const result of replayed) {
    context.out(`replayed ${result.letter.id} -> ${result.letter.sourceTopic}[${result.partition}]@${result.offset}`);
  }
  context.out(`${replayed.length} dead letter(s) replayed`);
  return 0;
}

function topicBeforeDeadLetterSuffix(deadLetterTopic: string): string {
  return deadLetterTopic.replace(/\.dlt$/, '');
}

/** The payload as the registry's codec reads it, or why it cannot; poison often will not decode. */
function decodePayload(letter: DeadLetterRecord, topics: TopicCatalog): unknown {
  const definition = topics.get(letter.sourceTopic);
  if (!definition) return { undecoded: `topic ${letter.sourceTopic} is not in this build's registry` };
  try {
    return definition.codec.decode(new BinaryReader(letter.value ?? new Uint8Array()));
  } catch (error) {
    return { undecoded: (error as Error).message };
  }
}
