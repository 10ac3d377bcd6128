import { fork } from 'node:child_process';
import { join } from 'node:path';
import { REPO_ROOT } from '@welkom/infrastructure';
import type { KafkaTlsFiles } from '@welkom/messaging';
import type { HubConsumerSettings } from './hub-run.settings';

/** What the consuming process is asked to run: a plain kafkajs consumer, or the consuming service of the hub's path. */
export type ConsumerSideJob =
  | { kind: 'plain'; brokers: string[]; tls?: KafkaTlsFiles; topic: string; expected: number; timeoutMs: number }
  | { kind: 'hub'; settings: HubConsumerSettings; expected: number; timeoutMs: number };

/** What it sends back: when each event was applied, relative to when it was sent; and when the last one was. */
export interface ConsumerSideReport {
  latenciesMs: number[];
  lastAt: number;
}

type ChildMessage = { type: 'ready' } | ({ type: 'done' } & ConsumerSideReport) | { type: 'failed'; message: string };

export interface ConsumerSide {
  /** Resolves once every expected event was applied (or rejects with how far it got). */
  finished: Promise<ConsumerSideReport>;
  stop(): Promise<void>;
}

/**
 * Starts the consuming side in a process of its own, as a consuming service runs beside the producing one, and
 * resolves once it is subscribed. Both columns of the benchmark run this way, so neither side takes CPU from the other
 * inside one event loop; the clock is the machine's, shared by both processes.
 */
export function startConsumerSide(job: ConsumerSideJob): Promise<ConsumerSide> {
  const child = fork(join(__dirname, 'consumer-side.process.ts'), [], {
    cwd: REPO_ROOT,
    // The parent's flags: the TypeScript loader, and --cpu-prof when the run is profiled (each process writes its own).
    execArgv: process.execArgv.includes('@swc-node/register') ? process.execArgv : [...process.execArgv, '-r', '@swc-node/register'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let reported = false;
  let settle: { resolve(report: ConsumerSideReport): void; reject(error: Error): void } | undefined;
  const finished = new Promise<ConsumerSideReport>((resolve, reject) => (settle = { resolve, reject }));
  // Awaited by the caller after producing; until then a failure must not count as unhandled.
  finished.catch(() => undefined);
  return new Promise((resolve, reject) => {
    child.on('message', (message: ChildMessage) => {
      if (message.type === 'ready') {
        resolve({
          finished,
          stop: async () => {
            // After its report it stops its consumer and exits by itself (writing its --cpu-prof profile); otherwise it is stopped.
            const timer = setTimeout(() => child.kill('SIGTERM'), reported ? 30_000 : 0);
            await exited;
            clearTimeout(timer);
          },
        });
      } else if (message.type === 'done') {
        reported = true;
        settle?.resolve({ latenciesMs: message.latenciesMs, lastAt: message.lastAt });
      } else settle?.reject(new Error(`consuming process: ${message.message}`));
    });
    child.once('exit', (code) => {
      const error = new Error(`the consuming process exited (${code})`);
      reject(error);
      settle?.reject(error);
    });
    child.send(job);
  });
}
