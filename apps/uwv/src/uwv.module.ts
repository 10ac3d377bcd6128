import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { PartyDirectory } from '@welkom/messaging';
import { oinFromCertificateFile } from '@welkom/grpc';
import { bundledSalaryThresholdReference } from '@welkom/reference-data';
import {
  AuditCountersigningModule,
  HubClientModule,
  hubClientOptionsOf,
  HubConnectionProbe,
  HubEvidenceClientModule,
  PARTY_AUDIT_TABLES,
  serviceInfrastructure,
} from '@welkom/runtime';
import { EmployerGuard } from './employer.guard';
import { HubEvidenceRepository } from './hub-connection/hub-evidence.repository';
import { UWV_MIGRATIONS } from './migrations';
import { bundledLabourMarketRules, LABOUR_MARKET_RULES } from './labour-market/labour-market-rules.reference';
import { UwvBackOfficeGuard } from './uwv-back-office.guard';
import { UWV_CONFIG, UWV_PARTY_OIN, type UwvConfig } from './uwv.config';
import { WageDeclarationEntity } from './wage-declarations/wage-declaration.entity';
import { WageDeclarationGrpcController } from './wage-declarations/wage-declaration.grpc-controller';
import { WageDeclarationRepository } from './wage-declarations/wage-declaration.repository';
import { WageDeclarationService } from './wage-declarations/wage-declaration.service';
import { WageEvidenceEntity } from './wage-evidence/wage-evidence.entity';
import { WageEvidenceRepository } from './wage-evidence/wage-evidence.repository';
import { SALARY_THRESHOLDS, WageEvidenceService } from './wage-evidence/wage-evidence.service';
import { WageEvidenceWorker } from './wage-evidence/wage-evidence.worker';
import { LabourMarketAdviceEventConsumer } from './work-permits/labour-market-advice.event-consumer';
import { LabourMarketCaseEntity, VacancyReportEntity } from './work-permits/labour-market-case.entity';
import { LabourMarketCaseRepository } from './work-permits/labour-market-case.repository';
import { LabourMarketCaseService } from './work-permits/labour-market-case.service';
import { WorkPermitTermWorker } from './work-permits/work-permit-term.worker';
import { WorkPermitGrpcController } from './work-permits/work-permit.grpc-controller';

export const UWV_SERVICE_NAME = 'uwv';

export const UWV_ENTITIES = [WageDeclarationEntity, WageEvidenceEntity, LabourMarketCaseEntity, VacancyReportEntity];

@Module({})
export class UwvModule {
  static forRoot(config: UwvConfig): DynamicModule {
    const uwvOin = oinFromCertificateFile(config.TLS_CERT_FILE);
    const tls = hubClientOptionsOf(config);
    if (config.REHEARSAL_CLOCK_OFFSET_DAYS > 0) {
      new Logger('UwvModule').warn(
        `REHEARSAL_CLOCK_OFFSET_DAYS=${config.REHEARSAL_CLOCK_OFFSET_DAYS}: the 5-week terms run against a clock ahead of today`,
      );
    }
    return {
      module: UwvModule,
      imports: [
        ...serviceInfrastructure({
          serviceName: UWV_SERVICE_NAME,
          config,
          partyOin: uwvOin,
          entities: UWV_ENTITIES,
          migrations: UWV_MIGRATIONS,
          appendOnlyTables: PARTY_AUDIT_TABLES,
          extraProbes: { probes: [HubConnectionProbe], imports: [HubClientModule.forRoot(tls)] },
          clockOffsetDays: config.REHEARSAL_CLOCK_OFFSET_DAYS,
        }),
        AuditCountersigningModule.forRoot({ partyOin: uwvOin, partyDirectoryFile: config.PARTY_DIRECTORY_FILE }),
        HubEvidenceClientModule.forRoot(tls),
      ],
      controllers: [WageDeclarationGrpcController, WorkPermitGrpcController, LabourMarketAdviceEventConsumer],
      providers: [
        { provide: UWV_CONFIG, useValue: config },
        { provide: UWV_PARTY_OIN, useValue: uwvOin },
        // Loaded and checked once: a bad reference file stops start-up.
        { provide: LABOUR_MARKET_RULES, useFactory: bundledLabourMarketRules },
        { provide: PartyDirectory, useValue: PartyDirectory.fromFile(config.PARTY_DIRECTORY_FILE) },
        // The one threshold table the IND decides with too (libs/reference-data/tables), checked once at start.
        { provide: SALARY_THRESHOLDS, useValue: bundledSalaryThresholdReference() },
        EmployerGuard,
        UwvBackOfficeGuard,
        LabourMarketCaseRepository,
        LabourMarketCaseService,
        WorkPermitTermWorker,
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
