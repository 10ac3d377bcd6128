import { mkdtemp, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { resolvePostgres, type PostgresHandle } from '../src/postgres/postgres-server';

async function query<T>(url: string, sql: string): Promise<T[]> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as T[];
  } finally {
    await client.end();
  }
}

/** Resolves true if something accepts a TCP connection on 127.0.0.1:port. */
function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolveAnswer) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolveAnswer(true);
    });
    socket.once('error', () => resolveAnswer(false));
  });
}

describe('resolvePostgres', () => {
  jest.setTimeout(120_000);

  let workDir: string;
  const handles: PostgresHandle[] = [];
  const logLines: string[] = [];

  beforeAll(async () => {
    // Under /tmp (sticky, world-traversable) so the postgres user can reach it when we run as root.
    workDir = await mkdtemp(join(tmpdir(), 'welkom-embedded-pg-'));
  });

  afterAll(async () => {
    for (const handle of handles.reverse()) await handle.stop();
    await rm(workDir, { recursive: true, force: true });
  });

  async function resolveEmbedded(dir = workDir): Promise<PostgresHandle> {
    const handle = await resolvePostgres({ mode: 'embedded', workDir: dir, log: (line) => logLines.push(line) });
    handles.push(handle);
    return handle;
  }

  it('starts a real embedded PostgreSQL, reuses it while it runs, and stops it', async () => {
    const handle = await resolveEmbedded();

    expect(handle).toMatchObject({ source: 'embedded', startedHere: true });
    expect(handle.description).toMatch(/^embedded PostgreSQL 15\.\d+ in .+ at 127\.0\.0\.1:\d+$/);
    const [{ version }] = await query<{ version: string }>(handle.url, 'SELECT version()');
    expect(version).toMatch(new RegExp(`^PostgreSQL ${handle.version.replace('.', '\\.')} `));
    expect(logLines.some((line) => line.startsWith('initialising embedded PostgreSQL'))).toBe(true);

    const again = await resolveEmbedded();
    expect(again).toMatchObject({ url: handle.url, startedHere: false });
    await again.stop();
    const port = Number(new URL(handle.url).port);
    expect(await portAnswers(port)).toBe(true);

    await handle.stop();
    expect(await portAnswers(port)).toBe(false);
  });

  it('keeps its data between runs and does not initialise twice', async () => {
    const first = await resolveEmbedded();
    await query(first.url, 'CREATE TABLE IF NOT EXISTS survives_restart (id int)');
    await first.stop();
    logLines.length = 0;

    const second = await resolveEmbedded();

    expect(second.startedHere).toBe(true);
    expect(logLines.some((line) => line.startsWith('initialising'))).toBe(false);
    expect(await query(second.url, `SELECT to_regclass('survives_restart')::text AS t`)).toEqual([{ t: 'survives_restart' }]);
  });

  it('starts one server when two runs ask for the same fresh data directory at once', async () => {
    const sharedDir = await mkdtemp(join(tmpdir(), 'welkom-embedded-pg-shared-'));
    try {
      const [first, second] = await Promise.all([resolveEmbedded(sharedDir), resolveEmbedded(sharedDir)]);

      expect([first.startedHere, second.startedHere].sort()).toEqual([false, true]);
      expect(second.url).toBe(first.url);
      await Promise.all([first.stop(), second.stop()]);
      expect(await portAnswers(Number(new URL(first.url).port))).toBe(false);
    } finally {
      await rm(sharedDir, { recursive: true, force: true });
    }
  });

  it('prefers DATABASE_URL in auto mode and refuses one that does not answer', async () => {
    const embedded = await resolveEmbedded();

    const fromEnv = await resolvePostgres({ env: { DATABASE_URL: embedded.url } });

    expect(fromEnv).toMatchObject({ url: embedded.url, source: 'database-url', startedHere: false, version: embedded.version });
    expect(fromEnv.description).toMatch(/\(DATABASE_URL\)$/);
    expect(fromEnv.description).not.toContain('postgres:postgres');
    const deadUrl = 'postgres://postgres:secret@127.0.0.1:1/postgres';
    await expect(resolvePostgres({ env: { DATABASE_URL: deadUrl } })).rejects.toThrow(/DATABASE_URL \(127\.0\.0\.1:1\) does not answer/);
  });

  it('rejects an unknown WELKOM_POSTGRES value', async () => {
    await expect(resolvePostgres({ env: { WELKOM_POSTGRES: 'docker' } })).rejects.toThrow(/WELKOM_POSTGRES/);
  });
});
