import { type DynamicModule, Module } from '@nestjs/common';
import { oinFromCertificateFile } from '@welkom/grpc';
import { serviceInfrastructure } from '@welkom/runtime';
import { ApplicationFactEntity } from './application-facts/application-fact.entity';
import { ApplicationFactRepository } from './application-facts/application-fact.repository';
import { ApplicationFactService } from './application-facts/application-fact.service';
import { ApplicationLedgerStore } from './application-facts/application-ledger.store';
import { ApplicationStatusEventConsumer } from './application-facts/application-status.event-consumer';
import { EU_REPORTING_CONFIG, type EuReportingConfig } from './eu-reporting.config';
import { loadFeedReference } from './feed/feed-reference.loader';
import { FeedPublicationService } from './feed-publication/feed-publication.service';
import { PublishedFeedSeriesEntity } from './feed-publication/published-feed-series.entity';
import { PublishedFeedSeriesRepository } from './feed-publication/published-feed-series.repository';
import { EU_REPORTING_MIGRATIONS } from './migrations';
import { FEED_REFERENCE } from './platform/feed-reference.token';
import { TalentFeedGrpcController } from './talent-feed/talent-feed.grpc-controller';
import { PublishedFiguresHttpController } from './talent-feed/published-figures.http-controller';
import { TalentFeedHttpController } from './talent-feed/talent-feed.http-controller';
import { TalentFeedService } from './talent-feed/talent-feed.service';

export const EU_REPORTING_SERVICE_NAME = 'eu-reporting';

@Module({})
export class EuReportingModule {
  static forRoot(config: EuReportingConfig): DynamicModule {
    return {
      module: EuReportingModule,
      imports: serviceInfrastructure({
        serviceName: EU_REPORTING_SERVICE_NAME,
        config,
        partyOin: oinFromCertificateFile(config.TLS_CERT_FILE),
        entities: [ApplicationFactEntity, PublishedFeedSeriesEntity],
        migrations: EU_REPORTING_MIGRATIONS,
      }),
      controllers: [ApplicationStatusEventConsumer, PublishedFiguresHttpController, TalentFeedHttpController, TalentFeedGrpcController],
      providers: [
        { provide: EU_REPORTING_CONFIG, useValue: config },
        // Checked once at start: the feed refuses to run on reference data it cannot trust.
        { provide: FEED_REFERENCE, useFactory: () => loadFeedReference(config.FEED_REFERENCE_DIR) },
        ApplicationFactRepository,
        ApplicationLedgerStore,
        ApplicationFactService,
        PublishedFeedSeriesRepository,
        FeedPublicationService,
        TalentFeedService,
      ],
    };
  }
}
