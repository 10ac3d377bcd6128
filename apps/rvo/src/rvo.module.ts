import { type DynamicModule, Module } from '@nestjs/common';
import { oinFromCertificateFile } from '@welkom/grpc';
import { bundledWelcomeCentreReference } from '@welkom/reference-data';
import {
  AuditCountersigningModule,
  HubClientModule,
  hubClientOptionsOf,
  HubConnectionProbe,
  HubEvidenceClientModule,
  PARTY_AUDIT_TABLES,
  serviceInfrastructure,
} from '@welkom/runtime';
import { EssentialEmployeeAdviceEntity } from './essential-personnel/essential-employee-advice.entity';
import { EssentialEmployeeAdviceRepository } from './essential-personnel/essential-employee-advice.repository';
import { EssentialEmployeeAdviceService } from './essential-personnel/essential-employee-advice.service';
import { bundledEssentialPersonnelRules, ESSENTIAL_PERSONNEL_RULES } from './essential-personnel/essential-personnel.reference';
import { FacilitatorChangeEntity, FacilitatorEntity } from './facilitators/facilitator.entity';
import { FacilitatorRegisterGrpcController } from './facilitators/facilitator-register.grpc-controller';
import { FacilitatorRegisterService } from './facilitators/facilitator-register.service';
import { FacilitatorRepository } from './facilitators/facilitator.repository';
import { GuidanceGrpcController } from './guidance/guidance.grpc-controller';
import { GuidanceHttpController } from './guidance/guidance.http-controller';
import { bundledGuidanceReference, GUIDANCE_REFERENCE } from './guidance/guidance.reference';
import { GuidanceService } from './guidance/guidance.service';
import { VerifiedEvidenceEntity } from './guidance/verified-evidence.entity';
import { VerifiedEvidenceEventConsumer } from './guidance/verified-evidence.event-consumer';
import { VerifiedEvidenceRepository } from './guidance/verified-evidence.repository';
import { VerifiedEvidenceService } from './guidance/verified-evidence.service';
import { HubEvidenceRepository } from './hub-connection/hub-evidence.repository';
import { RVO_MIGRATIONS } from './migrations';
import { ApplicationStatusEventConsumer } from './relocation/application-status.event-consumer';
import { RelocationMetricsRepository } from './relocation/relocation-metrics.repository';
import { RelocationReferralEntity } from './relocation/relocation-referral.entity';
import { RelocationReferralRepository } from './relocation/relocation-referral.repository';
import { RelocationReferralService } from './relocation/relocation-referral.service';
import { RelocationHttpController } from './relocation/relocation.http-controller';
import { bundledWelcomeCentreCapacities, WELCOME_CENTRE_CAPACITIES, WELCOME_CENTRES } from './relocation/welcome-centre-capacity.reference';
import { OwnBackOfficeGuard } from './own-back-office.guard';
import { RVO_CONFIG, RVO_PARTY_OIN, type RvoConfig } from './rvo.config';
import { bundledSelfEmployedPointsRules, SELF_EMPLOYED_POINTS_RULES } from './self-employed/self-employed-points.reference';
import { SelfEmployedScoreEntity } from './self-employed/self-employed-score.entity';
import { SelfEmployedScoreRepository } from './self-employed/self-employed-score.repository';
import { SelfEmployedScoreService } from './self-employed/self-employed-score.service';
import { StartUpAdviceEntity } from './start-up/start-up-advice.entity';
import { StartUpAdviceGrpcController } from './start-up/start-up-advice.grpc-controller';
import { StartUpAdviceRepository } from './start-up/start-up-advice.repository';
import { StartUpAdviceService } from './start-up/start-up-advice.service';
import { bundledStartUpRules, START_UP_RULES } from './start-up/start-up-rules.reference';

export const RVO_SERVICE_NAME = 'rvo';

export const RVO_ENTITIES = [
  StartUpAdviceEntity,
  EssentialEmployeeAdviceEntity,
  VerifiedEvidenceEntity,
  SelfEmployedScoreEntity,
  FacilitatorEntity,
  FacilitatorChangeEntity,
  RelocationReferralEntity,
];

@Module({})
export class RvoModule {
  static forRoot(config: RvoConfig): DynamicModule {
    const rvoOin = oinFromCertificateFile(config.TLS_CERT_FILE);
    const tls = hubClientOptionsOf(config);
    return {
      module: RvoModule,
      imports: [
        ...serviceInfrastructure({
          serviceName: RVO_SERVICE_NAME,
          config,
          partyOin: rvoOin,
          entities: RVO_ENTITIES,
          migrations: RVO_MIGRATIONS,
          appendOnlyTables: ['rvo_facilitator_change', ...PARTY_AUDIT_TABLES],
          extraProbes: { probes: [HubConnectionProbe], imports: [HubClientModule.forRoot(tls)] },
        }),
        AuditCountersigningModule.forRoot({ partyOin: rvoOin, partyDirectoryFile: config.PARTY_DIRECTORY_FILE }),
        HubEvidenceClientModule.forRoot(tls),
      ],
      controllers: [
        StartUpAdviceGrpcController,
        FacilitatorRegisterGrpcController,
        GuidanceGrpcController,
        GuidanceHttpController,
        VerifiedEvidenceEventConsumer,
        ApplicationStatusEventConsumer,
        RelocationHttpController,
      ],
      providers: [
        { provide: RVO_CONFIG, useValue: config },
        { provide: RVO_PARTY_OIN, useValue: rvoOin },
        // Loaded and checked once at start: a bad rules file stops the service with its problems listed.
        { provide: START_UP_RULES, useValue: bundledStartUpRules() },
        { provide: ESSENTIAL_PERSONNEL_RULES, useValue: bundledEssentialPersonnelRules() },
        { provide: GUIDANCE_REFERENCE, useValue: bundledGuidanceReference() },
        { provide: SELF_EMPLOYED_POINTS_RULES, useValue: bundledSelfEmployedPointsRules() },
        { provide: WELCOME_CENTRES, useValue: bundledWelcomeCentreReference() },
        { provide: WELCOME_CENTRE_CAPACITIES, useValue: bundledWelcomeCentreCapacities() },
        OwnBackOfficeGuard,
        HubEvidenceRepository,
        StartUpAdviceRepository,
        StartUpAdviceService,
        EssentialEmployeeAdviceRepository,
        EssentialEmployeeAdviceService,
        VerifiedEvidenceRepository,
        VerifiedEvidenceService,
        GuidanceService,
        SelfEmployedScoreRepository,
        SelfEmployedScoreService,
        FacilitatorRepository,
        FacilitatorRegisterService,
        RelocationReferralRepository,
        RelocationMetricsRepository,
        RelocationReferralService,
      ],
    };
  }
}
