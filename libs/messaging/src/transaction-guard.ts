import type { EntityManager } from 'typeorm';

/**
 * The outbox and the inbox are only correct inside the caller's transaction: an outbox row committed
 * without its state change (or an inbox row without its effect) is exactly the inconsistency they exist
 * to prevent. A manager outside a transaction is a programming error, refused loudly.
 */
export function assertInTransaction(manager: EntityManager, what: string): void {
  if (!manager.queryRunner?.isTransactionActive) {
    throw new Error(`${what} must run inside a transaction: pass the EntityManager of inTransaction(...)`);
  }
}
