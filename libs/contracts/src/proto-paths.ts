import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * The `.proto` sources are loaded at run time by @grpc/proto-loader (NestJS gRPC transport and reflection),
 * so services need the directory on disk. Found by walking up, so it works from sources and from a build.
 */
function findProtoRoot(start: string): string {
  let dir = start;
  for (;;) {
    const candidate = join(dir, 'proto', 'welkom');
    if (existsSync(candidate)) return join(dir, 'proto');
    const parent = dirname(dir);
    if (parent === dir) throw new Error(`proto/ directory not found above ${start}`);
    dir = parent;
  }
}

export const PROTO_ROOT = findProtoRoot(resolve(__dirname));

/** A gRPC service contract: its protobuf package and the file that declares it, relative to PROTO_ROOT. */
export interface GrpcContract {
  package: string;
  protoFile: string;
  service: string;
}

export const HEALTH_CONTRACT: GrpcContract = {
  package: 'grpc.health.v1',
  protoFile: 'grpc/health/v1/health.proto',
  service: 'Health',
};

export const PARTY_REGISTRY_CONTRACT: GrpcContract = {
  package: 'welkom.hub.v1',
  protoFile: 'welkom/hub/v1/party_registry.proto',
  service: 'PartyRegistryService',
};

export const GRANT_CONTRACT: GrpcContract = {
  package: 'welkom.hub.v1',
  protoFile: 'welkom/hub/v1/grant.proto',
  service: 'GrantService',
};

export const EVIDENCE_EXCHANGE_CONTRACT: GrpcContract = {
  package: 'welkom.hub.v1',
  protoFile: 'welkom/hub/v1/evidence_exchange.proto',
  service: 'EvidenceService',
};

export const AUDIT_CONTRACT: GrpcContract = {
  package: 'welkom.hub.v1',
  protoFile: 'welkom/hub/v1/audit.proto',
  service: 'AuditService',
};

export const OPERATOR_CONTRACT: GrpcContract = {
  package: 'welkom.hub.v1',
  protoFile: 'welkom/hub/v1/operator.proto',
  service: 'OperatorService',
};

export const SUBJECT_LINK_CONTRACT: GrpcContract = {
  package: 'welkom.hub.v1',
  protoFile: 'welkom/hub/v1/subject_link.proto',
  service: 'SubjectLinkService',
};

export const TALENT_FEED_CONTRACT: GrpcContract = {
  package: 'welkom.reporting.v1',
  protoFile: 'welkom/reporting/v1/talent_feed.proto',
  service: 'TalentFeedService',
};

export const APPLICATION_INTAKE_CONTRACT: GrpcContract = {
  package: 'welkom.ind.v1',
  protoFile: 'welkom/ind/v1/application_intake.proto',
  service: 'ApplicationIntakeService',
};

export const INTERNATIONAL_OFFICE_CONTRACT: GrpcContract = {
  package: 'welkom.university.v1',
  protoFile: 'welkom/university/v1/international_office.proto',
  service: 'InternationalOfficeService',
};

export const CONSULAR_POST_CONTRACT: GrpcContract = {
  package: 'welkom.consular.v1',
  protoFile: 'welkom/consular/v1/consular_post.proto',
  service: 'ConsularPostService',
};

export const START_UP_ADVICE_CONTRACT: GrpcContract = {
  package: 'welkom.rvo.v1',
  protoFile: 'welkom/rvo/v1/point_of_entry.proto',
  service: 'StartUpAdviceService',
};

export const POINT_OF_ENTRY_CONTRACT: GrpcContract = {
  package: 'welkom.rvo.v1',
  protoFile: 'welkom/rvo/v1/point_of_entry.proto',
  service: 'PointOfEntryService',
};

export const FACILITATOR_REGISTER_CONTRACT: GrpcContract = {
  package: 'welkom.rvo.v1',
  protoFile: 'welkom/rvo/v1/point_of_entry.proto',
  service: 'FacilitatorRegisterService',
};

export const WAGE_DECLARATION_CONTRACT: GrpcContract = {
  package: 'welkom.uwv.v1',
  protoFile: 'welkom/uwv/v1/wage_declarations.proto',
  service: 'WageDeclarationService',
};

export const WORK_PERMIT_CONTRACT: GrpcContract = {
  package: 'welkom.uwv.v1',
  protoFile: 'welkom/uwv/v1/work_permits.proto',
  service: 'WorkPermitService',
};

export const LABOUR_MARKET_ADVICE_CONTRACT: GrpcContract = {
  package: 'welkom.ind.v1',
  protoFile: 'welkom/ind/v1/labour_market_advice.proto',
  service: 'LabourMarketAdviceService',
};

export function protoFilePath(contract: GrpcContract): string {
  return join(PROTO_ROOT, contract.protoFile);
}
