import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';

const stalePollMs = 200;

/** Signal 0 checks existence without touching the process; EPERM means it exists but is someone else's. */
export function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

export interface JavaProcessOptions {
  java: string;
  jvmOptions: string[];
  mainClass: string;
  args: string[];
  /** stdout and stderr are appended here rather than piped, so the JVM never blocks on (or dies with) a pipe. */
  outputFile: string;
}

export function spawnJava(options: JavaProcessOptions): ChildProcess {
  const fd = openSync(options.outputFile, 'a');
  try {
    return spawn(options.java, [...options.jvmOptions, options.mainClass, ...options.args], {
      stdio: ['ignore', fd, fd],
    });
  } finally {
    // The child holds its own copy of the descriptor.
    closeSync(fd);
  }
}

/** Runs a short-lived Java tool (e.g. the storage formatter) and resolves with its exit code. */
export async function runJavaToCompletion(options: JavaProcessOptions): Promise<number> {
  const child = spawnJava(options);
  return new Promise((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal ? 128 : 1)));
  });
}

export function hasExited(child: ChildProcess): boolean {
  return child.exitCode !== null || child.signalCode !== null;
}

/** Resolves once our child is reaped; true if it exited before the timeout. */
export function waitForExit(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (hasExited(child)) return Promise.resolve(true);
  return new Promise((done) => {
    const timer = setTimeout(() => {
      child.off('exit', onExit);
      done(false);
    }, timeoutMs);
    const onExit = (): void => {
      clearTimeout(timer);
      done(true);
    };
    child.once('exit', onExit);
  });
}

/** SIGTERM lets Kafka flush and close its logs cleanly; SIGKILL only when it hangs past the grace period. */
export async function terminateChild(child: ChildProcess, graceMs: number): Promise<void> {
  if (hasExited(child)) return;
  child.kill('SIGTERM');
  if (await waitForExit(child, graceMs)) return;
  child.kill('SIGKILL');
  await waitForExit(child, graceMs);
}

/**
 * A broker left behind by a crashed earlier run would hold the data dir's lock and the ports. The pid file
 * alone is not proof (pids are reused), so the process must also be a Kafka broker started with this config.
 * Resolves true when a broker was stopped.
 */
export async function stopStaleBroker(
  pidFile: string,
  serverProperties: string,
  graceMs: number,
  log: (line: string) => void,
): Promise<boolean> {
  const pid = Number((await readFile(pidFile, 'utf8').catch(() => '')).trim());
  let stopped = false;
  if (pid > 0 && pid !== process.pid && isProcessAlive(pid)) {
    const commandLine = await readCommandLine(pid);
    if (commandLine.includes('kafka.Kafka') && commandLine.includes(serverProperties)) {
      log(`Stopping Kafka broker pid ${pid} found in ${pidFile}`);
      await terminatePid(pid, graceMs);
      stopped = true;
    }
  }
  await rm(pidFile, { force: true });
  return stopped;
}

async function terminatePid(pid: number, graceMs: number): Promise<void> {
  signal(pid, 'SIGTERM');
  if (await pollUntilGone(pid, graceMs)) return;
  signal(pid, 'SIGKILL');
  if (!(await pollUntilGone(pid, graceMs))) throw new Error(`Kafka broker pid ${pid} survived SIGKILL`);
}

async function pollUntilGone(pid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (isProcessAlive(pid)) {
    if (Date.now() > deadline) return false;
    await new Promise((done) => setTimeout(done, stalePollMs));
  }
  return true;
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch (error: unknown) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}

/** /proc on Linux; `ps` elsewhere (macOS). Empty when the process is gone or unreadable. */
async function readCommandLine(pid: number): Promise<string> {
  const fromProc = await readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => null);
  if (fromProc !== null) return fromProc.split('\0').join(' ');
  return new Promise((done) => {
    const child = spawn('ps', ['-o', 'command=', '-p', String(pid)], { stdio: ['ignore', 'pipe', 'ignore'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', () => done(''));
    child.on('close', () => done(output));
  });
}

/**
 * Normal exits are covered by the handle's exit hook, but a parent killed with SIGKILL (an OOM-killed jest
 * worker, a closed terminal) runs no code at all. This tiny shell outlives such a parent by design and stops
 * the broker once the parent is gone; it ends by itself as soon as the broker does.
 */
export function startOrphanWatchdog(brokerPid: number, graceMs: number): void {
  const graceTicks = Math.max(1, Math.ceil(graceMs / 500));
  const script = [
    'parent=$1; broker=$2; ticks=$3',
    'while kill -0 "$parent" 2>/dev/null && kill -0 "$broker" 2>/dev/null; do sleep 1; done',
    'kill -0 "$broker" 2>/dev/null || exit 0',
    'kill -TERM "$broker" 2>/dev/null',
    'i=0; while kill -0 "$broker" 2>/dev/null && [ "$i" -lt "$ticks" ]; do sleep 0.5; i=$((i+1)); done',
    'kill -KILL "$broker" 2>/dev/null; exit 0',
  ].join('\n');
  const watchdog = spawn('sh', ['-c', script, 'kafka-watchdog', String(process.pid), String(brokerPid), String(graceTicks)], {
    stdio: 'ignore',
    detached: true,
  });
  watchdog.on('error', () => undefined);
  watchdog.unref();
}

export async function tailFile(path: string, lineCount: number): Promise<string> {
  const content = await readFile(path, 'utf8').catch(() => '');
  return content.trimEnd().split('\n').slice(-lineCount).join('\n');
}
