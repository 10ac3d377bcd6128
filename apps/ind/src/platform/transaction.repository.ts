import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '@welkom/persistence';

/**
 * One database transaction. Repositories take the `EntityManager` it hands out, so a case change, its
 * decision record and its status events (outbox) commit together or not at all.
 */
@Injectable()
export class TransactionRepository {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work);
  }
}
