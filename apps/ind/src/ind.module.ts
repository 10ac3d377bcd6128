import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { oinFromCertificateFile } from '@welkom/grpc';
import { PartyDirectory } from '@welkom/messaging';
import {
  AuditCountersigningModule,
  HubClientModule,
  hubClientOptionsOf,
  HubConnectionProbe,
  HubEvidenceClientModule,
  PARTY_AUDIT_TABLES,
  serviceInfrastructure,
} from '@welkom/runtime';
import { IND_ENTITIES } from './applications/application.entity';
import { ApplicationIntakeGrpcController } from './applications/application-intake.grpc-controller';
import { ApplicationIntakeService } from './applications/application-intake.service';
import { ApplicationRepository } from './applications/application.repository';
import { CaseJournal } from './applications/case-journal';
import { EvidenceRequestRepository } from './applications/evidence-request.repository';
import { AssessmentWorker } from './assessment/assessment.worker';
import { CaseAssessmentService } from './assessment/case-assessment.service';
import { EvidenceEventsConsumer } from './assessment/evidence-events.event-consumer';
import { EvidenceEventsService } from './assessment/evidence-events.service';
import { DeadlineMonitorService } from './deadline-monitor/deadline-monitor.service';
import { DeadlineMonitorWorker } from './deadline-monitor/deadline-monitor.worker';
import { HubEvidenceRepository } from './hub-connection/hub-evidence.repository';
import { IND_CONFIG, IND_PARTY_OIN, type IndConfig } from './ind.config';
import { IND_MIGRATIONS } from './migrations';
import { SponsorEventsConsumer } from './notifications/sponsor-events.event-consumer';
import { SponsorNotificationService } from './notifications/sponsor-notification.service';
import { IndReference } from './reference-data/ind-reference';
import { EntryVisaFollowService } from './entry-visa/entry-visa-follow.service';
import { EntryVisaEventConsumer } from './entry-visa/entry-visa.event-consumer';
import { CaseFiguresHttpController } from './operations/case-figures.http-controller';
import { CaseFiguresRepository } from './operations/case-figures.repository';
import { CaseFiguresService } from './operations/case-figures.service';
import { SINGLE_PERMIT_CONTROLLERS, SINGLE_PERMIT_ENTITIES, SINGLE_PERMIT_PROVIDERS } from './single-permit/single-permit.parts';

export const IND_SERVICE_NAME = 'ind';

@Module({})
export class IndModule {
  static forRoot(config: IndConfig): DynamicModule {
    const indOin = oinFromCertificateFile(config.TLS_CERT_FILE);
    // Reference data is checked before anything serves: a bad file stops start-up with its problems listed.
    const reference = IndReference.bundled();
    if (config.REHEARSAL_CLOCK_OFFSET_DAYS > 0) {
      new Logger('IndModule').warn(
        `REHEARSAL_CLOCK_OFFSET_DAYS=${config.REHEARSAL_CLOCK_OFFSET_DAYS}: deadlines run against a clock ahead of today`,
      );
    }
    const tls = hubClientOptionsOf(config);
    const hubClient = HubClientModule.forRoot(tls);
    return {
      module: IndModule,
      imports: [
        ...serviceInfrastructure({
          serviceName: IND_SERVICE_NAME,
          config,
          partyOin: indOin,
          entities: [...IND_ENTITIES, ...SINGLE_PERMIT_ENTITIES],
          migrations: IND_MIGRATIONS,
          appendOnlyTables: PARTY_AUDIT_TABLES,
          extraProbes: { probes: [HubConnectionProbe], imports: [hubClient] },
          clockOffsetDays: config.REHEARSAL_CLOCK_OFFSET_DAYS,
        }),
        AuditCountersigningModule.forRoot({ partyOin: indOin, partyDirectoryFile: config.PARTY_DIRECTORY_FILE }),
        HubEvidenceClientModule.forRoot(tls),
      ],
      controllers: [
        ApplicationIntakeGrpcController,
        SponsorEventsConsumer,
        EvidenceEventsConsumer,
        EntryVisaEventConsumer,
        ...SINGLE_PERMIT_CONTROLLERS,
        CaseFiguresHttpController,
      ],
      providers: [
        { provide: IND_CONFIG, useValue: config },
        { provide: IND_PARTY_OIN, useValue: indOin },
        { provide: IndReference, useValue: reference },
        // Which roles each caller holds (deploy/parties): only a sponsor party may file (issue 11, leak 2).
        { provide: PartyDirectory, useValue: PartyDirectory.fromFile(config.PARTY_DIRECTORY_FILE) },
        ApplicationRepository,
        EvidenceRequestRepository,
        HubEvidenceRepository,
        CaseJournal,
        CaseAssessmentService,
        AssessmentWorker,
        ApplicationIntakeService,
        EvidenceEventsService,
        SponsorNotificationService,
        DeadlineMonitorService,
        DeadlineMonitorWorker,
        EntryVisaFollowService,
        ...SINGLE_PERMIT_PROVIDERS,
        CaseFiguresRepository,
        CaseFiguresService,
      ],
    };
  }
}
