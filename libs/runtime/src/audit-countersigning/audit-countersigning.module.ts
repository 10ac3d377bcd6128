import { type DynamicModule, Module } from '@nestjs/common';
import { hubOinOf } from '../hub-client.options';
import { AuditCheckpointEventConsumer } from './audit-checkpoint.event-consumer';
import { AuditCountersigningMetricsRepository } from './audit-countersigning-metrics.repository';
import { AuditCountersigningRepository } from './audit-countersigning.repository';
import { AuditCountersigningService } from './audit-countersigning.service';
import { COUNTERSIGNED_HUB_OIN, COUNTERSIGNING_PARTY_OIN } from './audit-countersigning.tokens';
import { PartyAuditCountersigning1765700000000 } from './migrations/1765700000000-party-audit-countersigning';

/** The migration every countersigning connector adds to its own list (its own tables, in its own database). */
export const PARTY_AUDIT_MIGRATIONS = [PartyAuditCountersigning1765700000000];

/** The service role may only INSERT into and SELECT from these: what a party vouched for stays as it was. */
export const PARTY_AUDIT_TABLES = ['party_audit_countersignature', 'party_audit_alarm'] as const;

export interface AuditCountersigningOptions {
  /** This party, as its certificate names it. */
  partyOin: string;
  /** The party list whose one HUB_OPERATOR is the hub this party countersigns for (PARTY_DIRECTORY_FILE). */
  partyDirectoryFile: string;
}

/**
 * Counter-signing of the hub's audit checkpoints (issue 12), one piece of code for every party connector (IND,
 * RVO, UWV, consular posts, universities): import `AuditCountersigningModule.forRoot(...)`, add
 * PARTY_AUDIT_MIGRATIONS to the app's migrations and PARTY_AUDIT_TABLES to its append-only tables.
 */
@Module({})
export class AuditCountersigningModule {
  static forRoot(options: AuditCountersigningOptions): DynamicModule {
    return {
      module: AuditCountersigningModule,
      controllers: [AuditCheckpointEventConsumer],
      providers: [
        { provide: COUNTERSIGNED_HUB_OIN, useValue: hubOinOf(options.partyDirectoryFile) },
        { provide: COUNTERSIGNING_PARTY_OIN, useValue: options.partyOin },
        AuditCountersigningRepository,
        AuditCountersigningMetricsRepository,
        AuditCountersigningService,
      ],
    };
  }
}
