import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * Runs `work` in one database transaction on one connection: committed when `work` resolves, rolled back
 * when it throws (the error is rethrown unchanged). Everything that must commit together, such as a state
 * change and its outbox event, must go through the `manager` passed in, not through injected repositories.
 */
export async function inTransaction<T>(
  dataSource: DataSource,
  work: (manager: EntityManager) => Promise<T>,
  isolationLevel?: IsolationLevel,
): Promise<T> {
  return isolationLevel === undefined
    ? dataSource.transaction(work)
    : dataSource.transaction(isolationLevel, work);
}
