import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';

const REPO_ROOT = resolve(__dirname, '..', '..', '..');
const READY_LINE = /\[(?<service>[\w-]+)\] ready grpc=(?<grpc>\S+) http=(?<http>\S+)/;

export interface ServiceProcess {
  readonly name: string;
  readonly grpcAddress: string;
  readonly httpAddress: string;
  readonly output: string[];
  /** SIGTERM and wait: the graceful shutdown path. */
  stop(): Promise<void>;
  /** SIGKILL: a crash. */
  kill(): Promise<void>;
}

/**
 * Runs a service the way production does, as its own process from `apps/<name>/src/main.ts`, and resolves
 * once it has printed its ready line (or rejects with its output when it dies first).
 */
export function startServiceProcess(
  name: string,
  env: NodeJS.ProcessEnv,
  options: { readyTimeoutMs?: number } = {},
): Promise<ServiceProcess> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', join('apps', name, 'src', 'main.ts')], {
    cwd: REPO_ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output: string[] = [];
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const terminate = async (signal: NodeJS.Signals): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    await exited;
  };

  return new Promise((resolveStart, rejectStart) => {
    const timer = setTimeout(() => {
      void terminate('SIGKILL');
      rejectStart(new Error(`${name} not ready within ${options.readyTimeoutMs ?? 60_000} ms:\n${output.join('')}`));
    }, options.readyTimeoutMs ?? 60_000);
    const onData = (chunk: Buffer): void => {
      const text = chunk.toString('utf8');
      output.push(text);
      const ready = READY_LINE.exec(text);
      if (ready?.groups) {
        clearTimeout(timer);
        resolveStart({
          name,
          grpcAddress: ready.groups.grpc,
          httpAddress: ready.groups.http,
          output,
          stop: () => terminate('SIGTERM'),
          kill: () => terminate('SIGKILL'),
        });
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      rejectStart(new Error(`${name} exited (${code ?? signal}) before it was ready:\n${output.join('')}`));
    });
  });
}
