import { type DynamicModule, Module } from '@nestjs/common';
import { CLOCK_OFFSET_DAYS, ClockRepository } from './clock.repository';
import { IdRepository } from './id.repository';
import { TransactionRepository } from './transaction.repository';

export interface PlatformOptions {
  /** Days the business clock runs ahead (a rehearsal); 0 when absent. */
  clockOffsetDays?: number;
}

/**
 * The side-effect repositories every service's services inject: clock, ids, transactions. Global and
 * imported once by `serviceInfrastructure`, so no service module lists (or varies) them. The outbox and
 * inbox ports are bound by `MessagingModule`.
 */
@Module({})
export class PlatformModule {
  static forRoot(options: PlatformOptions = {}): DynamicModule {
    return {
      module: PlatformModule,
      global: true,
      providers: [
        { provide: CLOCK_OFFSET_DAYS, useValue: options.clockOffsetDays ?? 0 },
        ClockRepository,
        IdRepository,
        TransactionRepository,
      ],
      exports: [ClockRepository, IdRepository, TransactionRepository],
    };
  }
}
