import type { DataSource, EntityManager } from 'typeorm';
import type { IsolationLevel } from 'typeorm/driver/types/IsolationLevel';

/**
 * One open database transaction, as services hold it: they pass it on to repositories (and the outbox) so
 * that everything done through it commits together, and never look inside. Only repositories, entities,
 * migrations and the persistence/messaging libs use TypeORM itself (`npm run boundaries` checks that).
 */
export type Transaction = EntityManager;

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
  return isolationLevel === undefined ? dataSource.transaction(work) : dataSource.transaction(isolationLevel, work);
}
