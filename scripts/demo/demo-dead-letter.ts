import { spawn } from 'node:child_process';
import { join } from 'node:path';
import { TOPICS } from '@welkom/events';
import { createKafkaClient, listDeadLetters, ProducerSession } from '@welkom/messaging';
import { type DemoSystem, serviceOf } from './demo-system';

const REPO_ROOT = join(__dirname, '..', '..');

/** The poison message's way through the chain, as the summary reports it. */
export interface DeadLetterIncident {
  /** The handle `npm run dlt` takes: `<dead-letter topic>:<partition>:<offset>`. */
  readonly id: string;
  readonly sourceTopic: string;
  readonly consumerGroup: string;
  readonly errorClass: string;
  readonly reason: string;
  /** `npm run dlt -- replay` exited 0 and said it replayed the letter. */
  readonly replayed: boolean;
  /** What `npm run dlt -- replay` printed. */
  readonly replayOutput: string;
}

/**
 * A connector with a bug: Leiden's Kafka identity (its certificate, its ACLs) publishes a record that is no signed
 * event envelope on the sponsor-notification topic. The IND's consumer cannot read it and parks it in the
 * dead-letter topic with the reason; nothing else of the chain stops.
 */
export async function publishPoisonMessage(system: DemoSystem, runTag: string): Promise<{ partition: number; offset: string }> {
  const files = system.parties['university-leiden'];
  const kafka = createKafkaClient({
    clientId: `welkom-demo-${runTag}`,
    brokers: [...system.kafkaBrokers],
    tls: system.kafkaTls
      ? { caFile: system.kafkaTls.caFile, certificateFile: files.certificatePath, privateKeyFile: files.privateKeyPath }
      : undefined,
  });
  const producer = ProducerSession.reliable(kafka);
  try {
    const [written] = await producer.send({
      topic: TOPICS.sponsorNotification.name,
      messages: [
        {
          key: `demo-${runTag}`,
          value: Buffer.from(`{"demo":"${runTag}","note":"a connector bug: JSON where a signed protobuf envelope belongs"}`),
        },
      ],
    });
    return { partition: written.partition, offset: written.baseOffset ?? written.offset ?? '' };
  } finally {
    await producer.close();
  }
}

/** The IND's dead letter of the record at `partition`/`offset`, once its consumer has parked it. */
export async function findDeadLetter(
  system: DemoSystem,
  written: { partition: number; offset: string },
  timeoutMs: number,
): Promise<{ id: string; sourceTopic: string; consumerGroup: string; errorClass: string; reason: string } | undefined> {
  // The operators' tooling identity reads the dead-letter topics, as `npm run dlt -- list` does.
  const kafka = createKafkaClient({ clientId: 'welkom-demo-dlt', brokers: [...system.kafkaBrokers], tls: system.kafkaTls });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const letters = await listDeadLetters(kafka, [TOPICS.sponsorNotification.name]);
    const letter = letters.find(
      (each) => each.sourcePartition === written.partition && each.sourceOffset === written.offset && each.consumerGroup.startsWith('ind.'),
    );
    if (letter) {
      const { id, sourceTopic, consumerGroup, errorClass, reason } = letter;
      return { id, sourceTopic, consumerGroup, errorClass, reason };
    }
    await new Promise((resolve) => setTimeout(resolve, 1_000));
  }
  return undefined;
}

/**
 * `npm run dlt -- replay <id>` as an operator in person (Anna de Vries's certificate): the hub audits the replay
 * with her name, the IND's replay log records it. The record is still poison, so the IND parks it again: a replay
 * is no repair, and the demo shows exactly that.
 */
export async function replayAsOperator(system: DemoSystem, id: string): Promise<{ exitCode: number; output: string }> {
  const operator = system.parties['operator.anna.devries'];
  const ind = serviceOf(system, 'ind');
  const env: Record<string, string> = {
    KAFKA_BROKERS: system.kafkaBrokers.join(','),
    ...(system.kafkaTls
      ? {
          KAFKA_SECURITY: 'tls',
          KAFKA_TLS_CA_FILE: system.kafkaTls.caFile,
          KAFKA_TLS_CERT_FILE: system.kafkaTls.certificateFile,
          KAFKA_TLS_KEY_FILE: system.kafkaTls.privateKeyFile,
        }
      : {}),
    DATABASE_URL: ind.env.DATABASE_URL ?? '',
    HUB_GRPC_ADDRESS: serviceOf(system, 'hub').grpc,
    TLS_CA_FILE: system.caCertificatePath,
    OPERATOR_TLS_CERT_FILE: operator.certificatePath,
    OPERATOR_TLS_KEY_FILE: operator.privateKeyPath,
  };
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join('scripts', 'dlt.ts'), 'replay', id], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  child.stdout.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  const exitCode = await new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 1)));
  return { exitCode, output: output.join('').trim() };
}
