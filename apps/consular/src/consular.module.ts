import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { oinFromCertificateFile } from '@welkom/grpc';
import {
  AuditCountersigningModule,
  HubClientModule,
  hubClientOptionsOf,
  HubConnectionProbe,
  HubEvidenceClientModule,
  PARTY_AUDIT_TABLES,
  serviceInfrastructure,
} from '@welkom/runtime';
import { CapacityMetricsRepository } from './capacity/capacity-metrics.repository';
import { CapacityHttpController } from './capacity/capacity.http-controller';
import { CapacityService } from './capacity/capacity.service';
import { readPartyFile } from '@welkom/reference-data';
import { CONSULAR_CONFIG, CONSULAR_PARTY_OIN, CONSULAR_SUB_UNITS, type ConsularConfig } from './consular.config';
import { ConsularPostGrpcController } from './entry-visa/consular-post.grpc-controller';
import { MvvCaseEntity } from './entry-visa/mvv-case.entity';
import { MvvCaseRepository } from './entry-visa/mvv-case.repository';
import { MvvExpiryWorker } from './entry-visa/mvv-expiry.worker';
import { MvvIntakeEventConsumer } from './entry-visa/mvv-intake.event-consumer';
import { MvvLegService } from './entry-visa/mvv-leg.service';
import { HubEvidenceRepository } from './hub-connection/hub-evidence.repository';
import { CONSULAR_MIGRATIONS } from './migrations';
import { ConsularReference } from './posts/consular-reference';

export const CONSULAR_SERVICE_NAME = 'consular';

export const CONSULAR_ENTITIES = [MvvCaseEntity];

@Module({})
export class ConsularModule {
  static forRoot(config: ConsularConfig): DynamicModule {
    const consularOin = oinFromCertificateFile(config.TLS_CERT_FILE);
    const tls = hubClientOptionsOf(config);
    if (config.REHEARSAL_CLOCK_OFFSET_DAYS > 0) {
      new Logger('ConsularModule').warn(
        `REHEARSAL_CLOCK_OFFSET_DAYS=${config.REHEARSAL_CLOCK_OFFSET_DAYS}: the MVV limits run against a clock ahead of today`,
      );
    }
    return {
      module: ConsularModule,
      imports: [
        ...serviceInfrastructure({
          serviceName: CONSULAR_SERVICE_NAME,
          config,
          partyOin: consularOin,
          entities: CONSULAR_ENTITIES,
          migrations: CONSULAR_MIGRATIONS,
          appendOnlyTables: PARTY_AUDIT_TABLES,
          extraProbes: { probes: [HubConnectionProbe], imports: [HubClientModule.forRoot(tls)] },
          clockOffsetDays: config.REHEARSAL_CLOCK_OFFSET_DAYS,
        }),
        AuditCountersigningModule.forRoot({ partyOin: consularOin, partyDirectoryFile: config.PARTY_DIRECTORY_FILE }),
        HubEvidenceClientModule.forRoot(tls),
      ],
      controllers: [ConsularPostGrpcController, MvvIntakeEventConsumer, CapacityHttpController],
      providers: [
        { provide: CONSULAR_CONFIG, useValue: config },
        { provide: CONSULAR_PARTY_OIN, useValue: consularOin },
        { provide: CONSULAR_SUB_UNITS, useValue: subUnitsOf(config.PARTY_DIRECTORY_FILE, consularOin) },
        // Loaded and checked once: a bad reference file stops start-up.
        { provide: ConsularReference, useFactory: () => ConsularReference.bundled() },
        HubEvidenceRepository,
        MvvCaseRepository,
        MvvLegService,
        MvvExpiryWorker,
        CapacityService,
        CapacityMetricsRepository,
      ],
    };
  }
}

/** The posts the party list gives this service (its sub-units); a post certificate naming any other is refused. */
function subUnitsOf(partyDirectoryFile: string, oin: string): ReadonlySet<string> {
  const own = readPartyFile(partyDirectoryFile).parties.find((party) => party.oin === oin);
  return new Set((own?.subUnits ?? []).map((unit) => unit.code));
}
