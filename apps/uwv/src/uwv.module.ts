import { type DynamicModule, Module } from '@nestjs/common';
import { PartyDirectory } from '@welkom/messaging';
import { oinFromCertificateFile } from '@welkom/grpc';
import { bundledSalaryThresholdReference } from '@welkom/reference-data';
import { HubClientModule, hubClientOptionsOf, HubConnectionProbe, HubEvidenceClientModule, serviceInfrastructure } from '@welkom/runtime';
import { EmployerGuard } from './employer.guard';
import { HubEvidenceRepository } from './hub-connection/hub-evidence.repository';
import { UWV_MIGRATIONS } from './migrations';
import { UWV_CONFIG, type UwvConfig } from './uwv.config';
import { WageDeclarationEntity } from './wage-declarations/wage-declaration.entity';
import { WageDeclarationGrpcController } from './wage-declarations/wage-declaration.grpc-controller';
import { WageDeclarationRepository } from './wage-declarations/wage-declaration.repository';
import { WageDeclarationService } from './wage-declarations/wage-declaration.service';
import { WageEvidenceEntity } from './wage-evidence/wage-evidence.entity';
import { WageEvidenceRepository } from './wage-evidence/wage-evidence.repository';
import { SALARY_THRESHOLDS, WageEvidenceService } from './wage-evidence/wage-evidence.service';
import { WageEvidenceWorker } from './wage-evidence/wage-evidence.worker';

export const UWV_SERVICE_NAME = 'uwv';

export const UWV_ENTITIES = [WageDeclarationEntity, WageEvidenceEntity];

@Module({})
export class UwvModule {
  static forRoot(config: UwvConfig): DynamicModule {
    const uwvOin = oinFromCertificateFile(config.TLS_CERT_FILE);
    const tls = hubClientOptionsOf(config);
    return {
      module: UwvModule,
      imports: [
        ...serviceInfrastructure({
          serviceName: UWV_SERVICE_NAME,
          config,
          partyOin: uwvOin,
          entities: UWV_ENTITIES,
          migrations: UWV_MIGRATIONS,
          extraProbes: { probes: [HubConnectionProbe], imports: [HubClientModule.forRoot(tls)] },
        }),
        HubEvidenceClientModule.forRoot(tls),
      ],
      controllers: [WageDeclarationGrpcController],
      providers: [
        { provide: UWV_CONFIG, useValue: config },
        { provide: PartyDirectory, useValue: PartyDirectory.fromFile(config.PARTY_DIRECTORY_FILE) },
        // The one threshold table the IND decides with too (libs/reference-data/tables), checked once at start.
        { provide: SALARY_THRESHOLDS, useValue: bundledSalaryThresholdReference() },
        EmployerGuard,
        HubEvidenceRepository,
        WageDeclarationRepository,
        WageDeclarationService,
        WageEvidenceRepository,
        WageEvidenceService,
        WageEvidenceWorker,
      ],
    };
  }
}
