import { type DynamicModule, Module } from '@nestjs/common';
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
import { ApplicationDeliveryWorker } from './applications/application-delivery.worker';
import { ApplicationFilingService } from './applications/application-filing.service';
import { ApplicationStatusEventConsumer } from './applications/application-status.event-consumer';
import { ApplicationStatusService } from './applications/application-status.service';
import { ApplicationStatusEntity, SponsoredApplicationEntity } from './applications/sponsored-application.entity';
import { SponsoredApplicationRepository } from './applications/sponsored-application.repository';
import { ChangeReportService } from './duty-to-notify/change-report.service';
import { SponsorNotificationEntity } from './duty-to-notify/sponsor-notification.entity';
import { SponsorNotificationRepository } from './duty-to-notify/sponsor-notification.repository';
import { EvidencePushService } from './evidence-push/evidence-push.service';
import { PushedEvidenceEntity } from './evidence-push/pushed-evidence.entity';
import { PushedEvidenceRepository } from './evidence-push/pushed-evidence.repository';
import { HubEvidenceRepository } from './hub-connection/hub-evidence.repository';
import { IndIntakeRepository } from './ind-connection/ind-intake.repository';
import { InternationalOfficeGrpcController } from './international-office.grpc-controller';
import { UNIVERSITY_MIGRATIONS } from './migrations';
import { UNIVERSITY_CONFIG, UNIVERSITY_PARTY_OIN, type UniversityConfig } from './university.config';

export const UNIVERSITY_SERVICE_NAME = 'university';

export const UNIVERSITY_ENTITIES = [PushedEvidenceEntity, SponsoredApplicationEntity, ApplicationStatusEntity, SponsorNotificationEntity];

@Module({})
export class UniversityModule {
  static forRoot(config: UniversityConfig): DynamicModule {
    const universityOin = oinFromCertificateFile(config.TLS_CERT_FILE);
    const tls = hubClientOptionsOf(config);
    const hubClient = HubClientModule.forRoot(tls);
    return {
      module: UniversityModule,
      imports: [
        ...serviceInfrastructure({
          serviceName: UNIVERSITY_SERVICE_NAME,
          config,
          partyOin: universityOin,
          entities: UNIVERSITY_ENTITIES,
          migrations: UNIVERSITY_MIGRATIONS,
          appendOnlyTables: PARTY_AUDIT_TABLES,
          extraProbes: { probes: [HubConnectionProbe], imports: [hubClient] },
        }),
        AuditCountersigningModule.forRoot({ partyOin: universityOin, partyDirectoryFile: config.PARTY_DIRECTORY_FILE }),
        HubEvidenceClientModule.forRoot(tls),
      ],
      controllers: [InternationalOfficeGrpcController, ApplicationStatusEventConsumer],
      providers: [
        { provide: UNIVERSITY_CONFIG, useValue: config },
        { provide: UNIVERSITY_PARTY_OIN, useValue: universityOin },
        HubEvidenceRepository,
        IndIntakeRepository,
        PushedEvidenceRepository,
        SponsoredApplicationRepository,
        SponsorNotificationRepository,
        EvidencePushService,
        ApplicationFilingService,
        ApplicationDeliveryWorker,
        ApplicationStatusService,
        ChangeReportService,
      ],
    };
  }
}
