import { type DynamicModule, Logger, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { readOperatorRegister } from '@welkom/reference-data';
import { oinFromCertificateFile } from '@welkom/grpc';
import { serviceInfrastructure } from '@welkom/runtime';
import { AuditChainHeadEntity, AuditEntryEntity, AuditVerificationEntity } from './audit/audit-entry.entity';
import { AuditCheckpointRepository } from './audit/audit-checkpoint.repository';
import { AuditCheckpointService } from './audit/audit-checkpoint.service';
import { AuditCheckpointWorker } from './audit/audit-checkpoint.worker';
import { AuditCountersignatureEventConsumer } from './audit/audit-countersignature.event-consumer';
import { AuditCountersignatureRepository } from './audit/audit-countersignature.repository';
import { AuditCountersignatureService } from './audit/audit-countersignature.service';
import { VerificationQuotaRepository } from './audit/verification-quota.repository';
import { AuditGrpcController } from './audit/audit.grpc-controller';
import { AuditService } from './audit/audit.service';
import { AuditTrailRepository } from './audit/audit-trail.repository';
import { AuditVerificationRepository } from './audit/audit-verification.repository';
import { EvidenceCatalogue, readEvidenceCatalogue } from './catalogue/evidence-catalogue';
import { ConnectorEntity } from './connectors/connector.entity';
import { ConnectorEventConsumer } from './connectors/connector.event-consumer';
import { ConnectorRepository } from './connectors/connector.repository';
import { ConnectorService } from './connectors/connector.service';
import { EvidenceEntity } from './evidence/evidence.entity';
import { EvidenceExchangeGrpcController } from './evidence/evidence-exchange.grpc-controller';
import { EvidenceIssueService } from './evidence/evidence-issue.service';
import { EvidenceCommitmentRepository } from './evidence/evidence-commitment.repository';
import { EvidenceRepository } from './evidence/evidence.repository';
import { EvidenceSourceEventConsumer } from './evidence/evidence-source.event-consumer';
import { EvidenceRequestEntity } from './evidence-requests/evidence-request.entity';
import { EvidenceRequestExpiryService } from './evidence-requests/evidence-request-expiry.service';
import { EvidenceRequestExpiryWorker } from './evidence-requests/evidence-request-expiry.worker';
import { EvidenceRequestRepository } from './evidence-requests/evidence-request.repository';
import { EvidenceRequestService } from './evidence-requests/evidence-request.service';
import { RequestSnapshotRepository } from './evidence-requests/request-snapshot.repository';
import { GrantEntity } from './grants/grant.entity';
import { GrantGrpcController } from './grants/grant.grpc-controller';
import { GrantRepository } from './grants/grant.repository';
import { GrantService } from './grants/grant.service';
import { HUB_CONFIG, HUB_PARTY_OIN, type HubConfig } from './hub.config';
import { HUB_MIGRATIONS } from './migrations';
import { OperatorAccessGuard } from './operators/operator-access.guard';
import { OPERATOR_REGISTER, OperatorAccessService } from './operators/operator-access.service';
import { OperatorRevocationEntity } from './operators/operator-revocation.entity';
import { OperatorRevocationRepository } from './operators/operator-revocation.repository';
import { OperatorGrpcController } from './operators/operator.grpc-controller';
import { OperatorService } from './operators/operator.service';
import { PartyEntity, PartySubUnitEntity } from './party-registry/party.entity';
import { PartyRegistryGrpcController } from './party-registry/party-registry.grpc-controller';
import { PartyRegistryService } from './party-registry/party-registry.service';
import { PartyRepository } from './party-registry/party.repository';
import { HubMetricsRepository } from './platform/hub-metrics.repository';
import { ApplicationStatusEventConsumer } from './relations/application-status.event-consumer';
import { CaseRelationService } from './relations/case-relation.service';
import { SponsorNotificationEventConsumer } from './relations/sponsor-notification.event-consumer';
import { SubjectRelationEntity } from './relations/subject-relation.entity';
import { SubjectRelationRepository } from './relations/subject-relation.repository';
import { SubjectIdentifierEntity, SubjectKeyBindingEntity } from './subjects/subject-identifier.entity';
import { SubjectKeyCheck } from './subjects/subject-key.check';
import { SubjectResealService } from './subjects/subject-reseal.service';
import { SubjectResealWorker } from './subjects/subject-reseal.worker';
import { readIdentityLinkAuthorities, IdentityLinkAuthorities } from './subjects/identity-link-authority.reference';
import { SubjectLinkEntity } from './subjects/subject-link.entity';
import { SubjectLinkGrpcController } from './subjects/subject-link.grpc-controller';
import { SubjectLinkRepository } from './subjects/subject-link.repository';
import { SubjectLinkService } from './subjects/subject-link.service';
import { SubjectIdentifierRepository } from './subjects/subject-identifier.repository';
import { SealedSubjectRepository } from './subjects/sealed-subject.repository';
import { SubjectPseudonymRepository } from './subjects/subject-pseudonym.repository';

export const HUB_SERVICE_NAME = 'hub';

@Module({})
export class HubModule {
  static forRoot(config: HubConfig): DynamicModule {
    const hubOin = oinFromCertificateFile(config.TLS_CERT_FILE);
    // Reference data is checked before anything serves: a bad catalogue stops start-up with its problems.
    const catalogue = readEvidenceCatalogue(config.EVIDENCE_CATALOGUE_FILE);
    const linkAuthorities = readIdentityLinkAuthorities(config.IDENTITY_LINK_AUTHORITIES_FILE);
    const operatorRegister = readOperatorRegister(config.OPERATOR_REGISTER_FILE);
    if (!config.SUBJECT_PSEUDONYM_SECRET) {
      new Logger('HubModule').warn('SUBJECT_PSEUDONYM_SECRET is not set: every call about a subject is refused (fail closed)');
    }
    return {
      module: HubModule,
      imports: serviceInfrastructure({
        serviceName: HUB_SERVICE_NAME,
        config,
        partyOin: hubOin,
        entities: [
          PartyEntity,
          PartySubUnitEntity,
          ConnectorEntity,
          GrantEntity,
          EvidenceEntity,
          EvidenceRequestEntity,
          SubjectIdentifierEntity,
          SubjectKeyBindingEntity,
          AuditEntryEntity,
          AuditChainHeadEntity,
          AuditVerificationEntity,
          SubjectRelationEntity,
          SubjectLinkEntity,
          OperatorRevocationEntity,
        ],
        migrations: HUB_MIGRATIONS,
        // The head moves on every append (its triggers keep it forward-only; the service role cannot switch them off).
        // A revocation is final: the service role may record one, never lift it.
        appendOnlyTables: ['audit_entry', 'audit_countersignature', 'operator_revocation'],
      }),
      controllers: [
        PartyRegistryGrpcController,
        ConnectorEventConsumer,
        GrantGrpcController,
        EvidenceExchangeGrpcController,
        EvidenceSourceEventConsumer,
        AuditGrpcController,
        AuditCountersignatureEventConsumer,
        ApplicationStatusEventConsumer,
        SponsorNotificationEventConsumer,
        SubjectLinkGrpcController,
        OperatorGrpcController,
      ],
      providers: [
        { provide: HUB_CONFIG, useValue: config },
        { provide: HUB_PARTY_OIN, useValue: hubOin },
        { provide: EvidenceCatalogue, useValue: catalogue },
        { provide: IdentityLinkAuthorities, useValue: linkAuthorities },
        HubMetricsRepository,
        PartyRepository,
        PartyRegistryService,
        ConnectorRepository,
        ConnectorService,
        SubjectPseudonymRepository,
        SealedSubjectRepository,
        SubjectIdentifierRepository,
        SubjectKeyCheck,
        SubjectResealService,
        SubjectResealWorker,
        AuditTrailRepository,
        AuditVerificationRepository,
        AuditService,
        AuditCheckpointRepository,
        AuditCheckpointService,
        AuditCheckpointWorker,
        AuditCountersignatureRepository,
        AuditCountersignatureService,
        VerificationQuotaRepository,
        GrantRepository,
        GrantService,
        EvidenceRepository,
        EvidenceCommitmentRepository,
        EvidenceIssueService,
        EvidenceRequestRepository,
        RequestSnapshotRepository,
        EvidenceRequestService,
        EvidenceRequestExpiryService,
        EvidenceRequestExpiryWorker,
        SubjectRelationRepository,
        CaseRelationService,
        SubjectLinkRepository,
        SubjectLinkService,
        { provide: OPERATOR_REGISTER, useValue: operatorRegister },
        OperatorRevocationRepository,
        OperatorAccessService,
        OperatorService,
        // Every operator call, whichever service it is for, passes the register and the revocations first.
        { provide: APP_GUARD, useClass: OperatorAccessGuard },
      ],
    };
  }
}
