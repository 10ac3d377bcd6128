import { join, relative, resolve } from 'node:path';
import { REPO_ROOT } from '../repo-root';
import { startEmbeddedCluster } from './embedded-cluster';
import { hostAndPort, probePostgres } from './postgres-probe';

/** `auto`: DATABASE_URL, else a local server on 127.0.0.1:5432, else embedded. `embedded`: always embedded. */
export type PostgresMode = 'auto' | 'embedded';

export type PostgresSource = 'database-url' | 'local-server' | 'embedded';

export interface PostgresHandle {
  /** Connection URL to the `postgres` maintenance database (or whatever DATABASE_URL names). */
  url: string;
  /** One line for humans, e.g. "PostgreSQL 15.20 at 127.0.0.1:5432 (local server)". Never the password. */
  description: string;
  /** Server version, e.g. "15.20". */
  version: string;
  source: PostgresSource;
  /** True only when this call started a server; only then does `stop()` do anything. */
  startedHere: boolean;
  stop(): Promise<void>;
}

export interface ResolvePostgresOptions {
  /** Defaults to WELKOM_POSTGRES from `env` ("embedded" forces the embedded server), else `auto`. */
  mode?: PostgresMode;
  /** Where the embedded server keeps its data. Defaults to `<repo>/.cache/postgres` (git-ignored). */
  workDir?: string;
  log?: (line: string) => void;
  /** Environment to read DATABASE_URL and WELKOM_POSTGRES from; defaults to process.env. */
  env?: NodeJS.ProcessEnv;
}

const DEFAULT_WORK_DIR = join(REPO_ROOT, '.cache', 'postgres');
const LOCAL_SERVER_URL = 'postgres://postgres@127.0.0.1:5432/postgres';

/** Finds, or starts, the PostgreSQL this run will use (ARCHITECTURE.md §9). */
export async function resolvePostgres(options: ResolvePostgresOptions = {}): Promise<PostgresHandle> {
  const env = options.env ?? process.env;
  const log = options.log ?? (() => undefined);
  const mode = options.mode ?? modeFromEnv(env.WELKOM_POSTGRES);

  if (mode === 'auto') {
    const databaseUrl = env.DATABASE_URL;
    if (databaseUrl) return fromDatabaseUrl(databaseUrl);

    const local = await probePostgres(LOCAL_SERVER_URL, 1_500);
    if (local.ok) {
      return {
        url: LOCAL_SERVER_URL,
        description: `PostgreSQL ${local.version} at 127.0.0.1:5432 (local server)`,
        version: local.version,
        source: 'local-server',
        startedHere: false,
        stop: () => Promise.resolve(),
      };
    }
    log(`no usable local PostgreSQL on 127.0.0.1:5432 (${local.reason}); starting an embedded one`);
  }

  const workDir = resolve(options.workDir ?? DEFAULT_WORK_DIR);
  const cluster = await startEmbeddedCluster(workDir, log);
  const where = relative(REPO_ROOT, workDir).startsWith('..') ? workDir : relative(REPO_ROOT, workDir);
  return {
    url: cluster.url,
    description:
      `embedded PostgreSQL ${cluster.version} in ${where} at 127.0.0.1:${cluster.port}` + (cluster.startedHere ? '' : ' (already running)'),
    version: cluster.version,
    source: 'embedded',
    startedHere: cluster.startedHere,
    stop: () => cluster.stop(),
  };
}

async function fromDatabaseUrl(url: string): Promise<PostgresHandle> {
  // An explicit DATABASE_URL that does not answer is a configuration error, not a cue to fall back.
  const probe = await probePostgres(url, 5_000);
  if (!probe.ok) throw new Error(`DATABASE_URL (${hostAndPort(url)}) does not answer: ${probe.reason}`);
  return {
    url,
    description: `PostgreSQL ${probe.version} at ${hostAndPort(url)} (DATABASE_URL)`,
    version: probe.version,
    source: 'database-url',
    startedHere: false,
    stop: () => Promise.resolve(),
  };
}

function modeFromEnv(value: string | undefined): PostgresMode {
  if (value === undefined || value === '' || value === 'auto') return 'auto';
  if (value === 'embedded') return 'embedded';
  throw new Error(`WELKOM_POSTGRES must be "auto" or "embedded", not ${JSON.stringify(value)}`);
}
