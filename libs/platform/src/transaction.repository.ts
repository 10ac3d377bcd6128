import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '@welkom/persistence';

/**
 * One database transaction. Repositories take the `EntityManager` it hands out, so everything that must
 * commit together (a state change, its audit entry or inbox row, the events in the outbox that report it)
 * goes through the same connection.
 */
@Injectable()
export class TransactionRepository {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work);
  }
}
