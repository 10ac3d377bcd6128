import { createHash } from 'node:crypto';
import { MigrationExecutor, type DataSource, type QueryRunner } from 'typeorm';

export interface RunMigrationsOptions {
  /**
   * Advisory lock key (a signed 64-bit integer, as a decimal string). Advisory locks are scoped to one
   * database, so the default, derived from the migrations table name, only collides when two apps share
   * both a database and a migrations table, which is exactly when they must not migrate at once.
   */
  lockKey?: string;
  /** Runs on the migrating connection after the migrations, still under the lock (grants: concurrent GRANTs collide). */
  thenUnderLock?: (queryRunner: QueryRunner) => Promise<void>;
}

/**
 * Runs every pending migration and returns the names applied, in order.
 *
 * Several instances of an app boot at once (a rolling deploy, a scaled-out consumer group). TypeORM does
 * not serialise them: each would read the same pending list and the slower one fails on "relation already
 * exists". So we take a session-level advisory lock on a dedicated connection and run the migrations on
 * that same connection: the second instance waits, then finds nothing pending. Running on the lock's own
 * connection also means a pool of size one cannot deadlock against itself.
 */
export async function runMigrations(dataSource: DataSource, options: RunMigrationsOptions = {}): Promise<string[]> {
  const lockKey = options.lockKey ?? migrationLockKey(dataSource.options.migrationsTableName ?? 'migrations');
  const queryRunner = dataSource.createQueryRunner();
  let lockMayBeHeld = false;
  try {
    await queryRunner.connect();
    lockMayBeHeld = true;
    await queryRunner.query('SELECT pg_advisory_lock($1::bigint)', [lockKey]);
    const executor = new MigrationExecutor(dataSource, queryRunner);
    executor.transaction = dataSource.options.migrationsTransactionMode ?? 'all';
    const applied = await executor.executePendingMigrations();
    await options.thenUnderLock?.(queryRunner);
    return applied.map((migration) => migration.name);
  } finally {
    if (lockMayBeHeld) {
      await releaseLock(queryRunner, lockKey);
    } else {
      await queryRunner.release();
    }
  }
}

/**
 * Unlocks and returns the connection to the pool. If the first unlock fails because a failed migration
 * left the session inside an aborted transaction, we roll that back and unlock again. If the connection
 * itself is broken, the pool discards it on release, and ending the session is what frees the lock.
 */
async function releaseLock(queryRunner: QueryRunner, lockKey: string): Promise<void> {
  const unlock = () => queryRunner.query('SELECT pg_advisory_unlock($1::bigint)', [lockKey]);
  try {
    await unlock().catch(async () => {
      await queryRunner.query('ROLLBACK');
      await unlock();
    });
  } catch {
    // Nothing more to try; the original migration error (if any) is the one worth reporting.
  } finally {
    await queryRunner.release();
  }
}

/** A stable 64-bit advisory lock key for `name`: the first 8 bytes of its SHA-256, as a signed integer. */
export function migrationLockKey(name: string): string {
  const digest = createHash('sha256').update(`welkom:migrations:${name}`).digest();
  return digest.readBigInt64BE(0).toString();
}
