import { Client } from 'pg';

export type ProbeResult = { ok: true; version: string } | { ok: false; reason: string };

/**
 * Connects once and asks for the server version. "Answers" means we can log in and run a query, not merely
 * that something listens on the port: a server that rejects our credentials is as useless as none.
 */
export async function probePostgres(url: string, timeoutMs = 2_000): Promise<ProbeResult> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: timeoutMs });
  // A server that goes away mid-probe emits 'error' on the client; without a listener that kills the process.
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ server_version: string }>('SHOW server_version');
    // "15.20 (Debian 15.20-0+deb12u1)" → "15.20"
    return { ok: true, version: result.rows[0].server_version.split(' ')[0] };
  } catch (error: unknown) {
    return { ok: false, reason: error instanceof Error ? error.message : String(error) };
  } finally {
    await client.end().catch(() => undefined);
  }
}

/** "host:port" of a connection URL, for log lines that must not print the password. */
export function hostAndPort(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname || 'localhost'}:${parsed.port || '5432'}`;
}
