import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { oinFromCertificateFile } from '@welkom/grpc';
import { HubClientModule, hubClientOptionsOf, HubConnectionProbe, HubEvidenceClientModule, serviceInfrastructure } from '@welkom/runtime';
import { CapacityMetricsRepository } from './capacity/capacity-metrics.repository';
import { CapacityHttpController } from './capacity/capacity.http-controller';
import { CapacityService } from './capacity/capacity.service';
import { CONSULAR_CONFIG, CONSULAR_PARTY_OIN, type ConsularConfig } from './consular.config';
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
          extraProbes: { probes: [HubConnectionProbe], imports: [HubClientModule.forRoot(tls)] },
          clockOffsetDays: config.REHEARSAL_CLOCK_OFFSET_DAYS,
        }),
        HubEvidenceClientModule.forRoot(tls),
      ],
      controllers: [ConsularPostGrpcController, MvvIntakeEventConsumer, CapacityHttpController],
      providers: [
        { provide: CONSULAR_CONFIG, useValue: config },
        { provide: CONSULAR_PARTY_OIN, useValue: consularOin },
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
