import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { inTransaction } from '@welkom/persistence';

/** One database transaction; a state change and the event that reports it (outbox) commit together. */
@Injectable()
export class TransactionRepository {
  constructor(private readonly dataSource: DataSource) {}

  run<T>(work: (tx: EntityManager) => Promise<T>): Promise<T> {
    return inTransaction(this.dataSource, work);
  }
}
