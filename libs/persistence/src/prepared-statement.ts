import type { Pool, PoolClient, QueryResultRow } from 'pg';
import type { DataSource, EntityManager } from 'typeorm';

/** A statement PostgreSQL parses and plans once per connection, then only binds and executes. */
export interface PreparedStatement {
  readonly name: string;
  readonly text: string;
}

/**
 * Runs a named (prepared) statement, in the transaction of `executor` when it is an EntityManager inside
 * one, else on the pool as a statement of its own. TypeORM's `query()` sends every statement unnamed, so
 * PostgreSQL plans it again each time; for the statements each evidence request batch runs, planning cost
 * more than executing (measured on the snapshot read: 0.34 ms planning, 0.14 ms execution).
 */
export async function queryPrepared<T extends QueryResultRow>(
  executor: DataSource | EntityManager,
  statement: PreparedStatement,
  values: unknown[],
): Promise<T[]> {
  const query = { name: statement.name, text: statement.text, values };
  if ('queryRunner' in executor && executor.queryRunner) {
    // The transaction's own connection (PostgresQueryRunner.connect() hands back the pg client it holds).
    const client = (await executor.queryRunner.connect()) as PoolClient;
    return (await client.query<T>(query)).rows;
  }
  const dataSource = 'driver' in executor ? executor : executor.connection;
  const pool = (dataSource.driver as unknown as { master: Pool }).master;
  return (await pool.query<T>(query)).rows;
}
