import { createHash } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';
import type { DataSource } from 'typeorm';
import { exponentialBackoff } from '@welkom/platform/exponential-backoff';
import type { MessagingMetrics } from '../messaging.metrics';
import type { OutboxRecordSink, PendingOutboxRecord } from './outbox-record.sink';

export interface OutboxRelaySettings {
  /** Rows per publish round: one produce request per broker, one DELETE. */
  batchSize: number;
  /** How long the leader waits after finding the outbox drained. Bounds the added latency when idle. */
  pollIntervalMs: number;
  /** How often a standby tries to take over leadership. Bounds the fail-over time. */
  standbyIntervalMs: number;
  /** Ceiling of the exponential backoff after a failed round (broker or database outage). */
  maxBackoffMs: number;
  /** Names the leader lock; relays of one database share it. */
  lockName: string;
}

export const DEFAULT_RELAY_SETTINGS: OutboxRelaySettings = {
  batchSize: 500,
  pollIntervalMs: 50,
  standbyIntervalMs: 1_000,
  maxBackoffMs: 5_000,
  lockName: 'messaging_outbox',
};

/** The database failed (not Kafka): the leader session may be gone, so leadership is given up and re-won. */
class RelaySessionError extends Error {
  constructor(cause: unknown) {
    super(`outbox database session failed: ${(cause as Error).message}`, { cause });
  }
}

/**
 * Publishes committed outbox rows to Kafka and deletes them once the broker acknowledged them.
 *
 * One relay per database publishes at a time: the leader holds a session-level advisory lock on its own
 * connection; the others stand by and take over when that session ends (a crash closes the socket and
 * PostgreSQL frees the lock at once). A single leader publishing in id order through one idempotent
 * producer keeps per-key order without coordinating relays row by row, and one relay easily outruns the
 * transactions that fill the outbox.
 *
 * Nothing is lost: a row is deleted only after Kafka acknowledged it. Something may be published twice:
 * a leader that dies (or loses its database session) after the publish and before the delete leaves the
 * rows behind and the next leader publishes them again, with the same event ids. Consumers' inboxes drop
 * those copies; that is the contract, and the fault tests show it.
 */
export class OutboxRelay {
  private readonly logger = new Logger(OutboxRelay.name);
  private readonly settings: OutboxRelaySettings;
  private readonly lockKey: string;
  private session: Client | null = null;
  private running: Promise<void> | null = null;
  private stopping = false;
  private wake: (() => void) | null = null;
  private failures = 0;
  /** The next batch, read while the previous one was being produced. */
  private prefetched: PendingOutboxRecord[] | null = null;
  /** The DELETE of the last acknowledged batch, still running while the next batch is produced. */
  private deleting: Promise<unknown> | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly sink: OutboxRecordSink,
    private readonly metrics: MessagingMetrics,
    settings: Partial<OutboxRelaySettings> = {},
  ) {
    this.settings = { ...DEFAULT_RELAY_SETTINGS, ...settings };
    this.lockKey = relayLockKey(this.settings.lockName);
  }

  get isLeader(): boolean {
    return this.session !== null;
  }

  start(): void {
    if (this.running) return;
    this.stopping = false;
    this.running = this.run();
  }

  /** Lets the round in flight finish (so its rows are deleted), then gives up leadership. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.running;
    this.running = null;
    await this.sink.close();
  }

  private async run(): Promise<void> {
    while (!this.stopping) {
      try {
        if (!(await this.holdLeadership())) {
          await this.pause(this.settings.standbyIntervalMs);
          continue;
        }
        const published = await this.publishRound();
        this.failures = 0;
        if (published < this.settings.batchSize) await this.pause(this.settings.pollIntervalMs);
      } catch (error) {
        this.prefetched = null;
        this.failures += 1;
        if (error instanceof RelaySessionError) await this.resign();
        // 100 ms, 200 ms, 400 ms … up to the ceiling, jittered so relays of many services do not retry in step.
        const delay = exponentialBackoff(this.failures, { baseMs: 100, ceilingMs: this.settings.maxBackoffMs, jitter: true });
        this.logger.warn(`Outbox relay round failed (${this.failures}x), retrying in ${delay} ms: ${(error as Error).message}`);
        await this.pause(delay);
      }
    }
    // The last batch's rows are deleted before leadership is given up; if that fails they are published again.
    await this.deleted().catch(() => undefined);
    await this.resign();
  }

  /**
   * One round: the oldest rows in id order, published, then deleted. Returns how many. Rounds overlap: while
   * Kafka acknowledges a batch, the previous batch's DELETE finishes and the next batch is read (without the
   * rows in flight), so the producer waits for neither. Batches are still produced one at a time, in id
   * order, each after the one before was acknowledged: per-key order is what it was.
   */
  private async publishRound(): Promise<number> {
    const rows: PendingOutboxRecord[] = this.prefetched ?? (await this.deleted().then(() => this.readBatch([])));
    this.prefetched = null;
    if (rows.length === 0) return 0;
    const sent = this.sink.publish(rows).then(
      () => undefined,
      (error: unknown) => ({ error }),
    );
    let next: PendingOutboxRecord[] | null = null;
    let sessionFailure: { error: unknown } | undefined;
    try {
      await this.deleted();
      // A short batch means the outbox is drained: the round ends with a pause, not a read.
      if (rows.length === this.settings.batchSize) next = await this.readBatch(rows.map((row) => row.id));
    } catch (error) {
      sessionFailure = { error };
    }
    // Never leave a produce running into the next round (or into a backoff).
    const failed = await sent;
    // A database failure first: it costs the leadership (and the rows stay, to be published again).
    if (sessionFailure) throw sessionFailure.error;
    if (failed) throw failed.error;
    this.deleting = this.sessionQuery('DELETE FROM messaging_outbox WHERE id = ANY($1::bigint[])', [rows.map((row) => row.id)]);
    // Awaited by the next round; until then a failure must not count as unhandled.
    this.deleting.catch(() => undefined);
    this.prefetched = next;
    const perTopic = new Map<string, number>();
    for (const row of rows) perTopic.set(row.topic, (perTopic.get(row.topic) ?? 0) + 1);
    for (const [topic, count] of perTopic) this.metrics.published.inc({ topic }, count);
    return rows.length;
  }

  private readBatch(inFlight: readonly string[]): Promise<PendingOutboxRecord[]> {
    return this.sessionQuery<PendingOutboxRecord>(
      `SELECT id, event_id, topic, message_key, headers, payload
         FROM messaging_outbox WHERE NOT (id = ANY($2::bigint[])) ORDER BY id LIMIT $1`,
      [this.settings.batchSize, inFlight],
    );
  }

  /** Waits for the DELETE of the last acknowledged batch, and fails the round if it failed. */
  private async deleted(): Promise<void> {
    const deleting = this.deleting;
    this.deleting = null;
    await deleting;
  }

  private async holdLeadership(): Promise<boolean> {
    if (this.session) return true;
    const client = new Client(sessionConfig(this.dataSource));
    // An idle client whose server goes away emits 'error'; unhandled, that would end the process.
    client.on('error', (error) => {
      this.logger.warn(`Outbox relay session lost: ${error.message}`);
      if (this.session === client) {
        this.session = null;
        this.metrics.relayLeader.set(0);
      }
      void client.end().catch(() => undefined);
    });
    try {
      await client.connect();
      const [{ locked }] = (await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1::bigint) AS locked', [this.lockKey]))
        .rows;
      if (!locked) {
        await client.end();
        return false;
      }
    } catch (error) {
      await client.end().catch(() => undefined);
      throw new RelaySessionError(error);
    }
    this.session = client;
    this.metrics.relayLeader.set(1);
    this.logger.log('This instance now relays the outbox');
    return true;
  }

  /** Ending the session frees the advisory lock, whatever state the connection was in. */
  private async resign(): Promise<void> {
    const session = this.session;
    this.session = null;
    this.metrics.relayLeader.set(0);
    if (session) await session.end().catch(() => undefined);
  }

  private async sessionQuery<R extends object>(sql: string, parameters: unknown[]): Promise<R[]> {
    const session = this.session;
    if (!session) throw new RelaySessionError(new Error('not the leader'));
    try {
      return (await session.query<R>(sql, parameters)).rows;
    } catch (error) {
      throw new RelaySessionError(error);
    }
  }

  private pause(ms: number): Promise<void> {
    if (this.stopping) return Promise.resolve();
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, ms);
      function done(): void {
        clearTimeout(timer);
        resolve();
      }
      this.wake = done;
    }).then(() => {
      this.wake = null;
    });
  }
}

/** A stable signed 64-bit advisory lock key, distinct from the migration lock keys. */
export function relayLockKey(lockName: string): string {
  return createHash('sha256').update(`welkom:outbox-relay:${lockName}`).digest().readBigInt64BE(0).toString();
}

/**
 * The leader lock lives on a connection of its own, outside TypeORM's pool: a pooled connection handed
 * back while still holding the session lock would keep leadership hostage for as long as the pool lives.
 */
function sessionConfig(dataSource: DataSource): ClientConfig {
  const options = dataSource.options as {
    url?: string;
    host?: string;
    port?: number;
    username?: string;
    password?: string | (() => string | Promise<string>);
    database?: string;
    ssl?: ClientConfig['ssl'];
    applicationName?: string;
    connectTimeoutMS?: number;
  };
  return {
    connectionString: options.url,
    host: options.host,
    port: options.port,
    user: options.username,
    password: options.password,
    database: options.database,
    ssl: options.ssl,
    application_name: `${options.applicationName ?? 'welkom'}:outbox-relay`,
    connectionTimeoutMillis: options.connectTimeoutMS ?? 10_000,
    // A leader whose database went silent must notice, or it would keep the lock it can no longer use.
    keepAlive: true,
  };
}
