import { ConnectorStarted } from '@welkom/contracts/generated/welkom/platform/v1/connector_status';
import { SigningCertificate } from '@welkom/contracts/generated/welkom/platform/v1/signing_certificate';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import {
  EvidenceRequestCompleted,
  EvidenceRequested,
  EvidenceRequestExpired,
  EvidenceRevoked,
  EvidenceVerified,
} from '@welkom/contracts/generated/welkom/evidence/v1/evidence_events';
import { EvidenceWithdrawal, IssuedEvidence, SealedIssuedEvidence } from '@welkom/contracts/generated/welkom/evidence/v1/issued_evidence';
import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import { MvvLegStep } from '@welkom/contracts/generated/welkom/consular/v1/mvv_leg';
import { AuditCheckpoint, AuditCountersignature } from '@welkom/contracts/generated/welkom/hub/v1/audit_checkpoint';
import { GrantChanged } from '@welkom/contracts/generated/welkom/hub/v1/grant';
import { ApplicationStatusChanged } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { DeadlineAlert, DecisionPeriodExtended } from '@welkom/contracts/generated/welkom/ind/v1/deadline_events';
import { ApplicationFiled, SponsorNotification } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import { RelocationReferral } from '@welkom/contracts/generated/welkom/rvo/v1/relocation';
import {
  LabourMarketAdviceGiven,
  LabourMarketAdviceRequested,
  WorkPermitTermAtRisk,
} from '@welkom/contracts/generated/welkom/uwv/v1/labour_market_events';
import { TalentFeedSeries } from '@welkom/contracts/generated/welkom/reporting/v1/talent_feed';
import { deadLetterTopicOf, defineTopic, type TopicDefinition } from './topic-definition';

const ALL_CONNECTOR_ROLES = [
  PartyRole.PARTY_ROLE_HUB_OPERATOR,
  PartyRole.PARTY_ROLE_IND,
  PartyRole.PARTY_ROLE_RVO,
  PartyRole.PARTY_ROLE_UWV,
  PartyRole.PARTY_ROLE_CONSULAR_POST,
  PartyRole.PARTY_ROLE_UNIVERSITY,
  PartyRole.PARTY_ROLE_RESEARCH_ORGANISATION,
  PartyRole.PARTY_ROLE_EU_REPORTING,
  PartyRole.PARTY_ROLE_OPERATIONS_CONSOLE,
] as const;

/**
 * Roles that look at every dead-letter topic (READ) and at every topic's size (DESCRIBE, for record counts), and
 * never write to any of them: the operations console (apps/console).
 */
export const DEAD_LETTER_READER_ROLES = [PartyRole.PARTY_ROLE_OPERATIONS_CONSOLE] as const;

/** Parties that are the authoritative source of some evidence type (deploy/hub/evidence-catalogue.v1.json). */
const EVIDENCE_SOURCE_ROLES = [
  PartyRole.PARTY_ROLE_IND,
  PartyRole.PARTY_ROLE_RVO,
  PartyRole.PARTY_ROLE_UWV,
  PartyRole.PARTY_ROLE_CONSULAR_POST,
  PartyRole.PARTY_ROLE_UNIVERSITY,
  PartyRole.PARTY_ROLE_RESEARCH_ORGANISATION,
] as const;

const HUB_ONLY = [PartyRole.PARTY_ROLE_HUB_OPERATOR] as const;

/**
 * The agencies whose connectors countersign the hub's audit checkpoints (libs/runtime audit-countersigning): IND,
 * RVO, UWV, the consular posts and the universities, the parties whose requests and evidence the chain records.
 */
const COUNTERSIGNING_ROLES = [
  PartyRole.PARTY_ROLE_IND,
  PartyRole.PARTY_ROLE_RVO,
  PartyRole.PARTY_ROLE_UWV,
  PartyRole.PARTY_ROLE_CONSULAR_POST,
  PartyRole.PARTY_ROLE_UNIVERSITY,
] as const;

/** The identifiers of a subject that name a person or organisation in clear (everything but a pseudonym). */
function clearIdentifiersOf(subject: SubjectIdentifier | undefined, path: string): string[] {
  if (!subject) return [];
  return (['bsn', 'vNumber', 'passport', 'kvkNumber'] as const).filter((kind) => Boolean(subject[kind])).map((kind) => `${path}.${kind}`);
}

/**
 * The one list of topics the hub uses. The project creates them (brokers run with
 * auto.create.topics.enable=false), each with its dead-letter companion; a topic not declared here
 * does not exist.
 */
export const TOPICS = {
  // The certificates that sign envelopes, keyed by thumbprint (envelopes name their signer by `x5t#S256`).
  // Compacted, never deleted: a dead letter signed years ago must still resolve its signer. Its records are
  // certificates, which authenticate themselves against the party CA, so they carry no envelope signature.
  signingCertificates: defineTopic({
    name: 'welkom.platform.signing-certificates.v1',
    eventType: 'welkom.platform.signing-certificate',
    schemaVersion: 1,
    codec: SigningCertificate,
    key: (certificate: SigningCertificate) => certificate.thumbprintSha256,
    partitions: 1,
    publisherRoles: ALL_CONNECTOR_ROLES,
    consumerRoles: ALL_CONNECTOR_ROLES,
    config: { 'cleanup.policy': 'compact', 'retention.ms': '-1' },
  }),

  connectorStarted: defineTopic({
    name: 'welkom.platform.connector-started.v1',
    eventType: 'welkom.platform.connector-started',
    schemaVersion: 1,
    codec: ConnectorStarted,
    key: (event: ConnectorStarted) => `${event.party?.oin ?? ''}/${event.service}`,
    partitions: 3,
    publisherRoles: ALL_CONNECTOR_ROLES,
    consumerRoles: HUB_ONLY,
  }),

  // Once-only evidence exchange (apps/hub). Keys are pseudonymous subject references, so all events about
  // one person keep their order; source topics are keyed by the source's own reference, so an issue and a
  // later withdrawal of the same evidence keep theirs.
  evidenceSourceIssued: defineTopic({
    name: 'welkom.evidence-source.issued.v1',
    eventType: 'welkom.evidence-source.issued',
    schemaVersion: 1,
    codec: IssuedEvidence,
    key: (event: IssuedEvidence) => `${event.evidenceType}/${event.sourceReference}`,
    partitions: 3,
    publisherRoles: EVIDENCE_SOURCE_ROLES,
    consumerRoles: HUB_ONLY,
    // Only a pseudonym in clear; a source that knows a BSN, V-number or passport number publishes on v2.
    clearIdentifiers: (event: IssuedEvidence) => clearIdentifiersOf(event.subject, 'subject'),
  }),
  // The same fact with the subject sealed for the hub (issue 11, leak 5); v1 stays for pseudonyms.
  evidenceSourceIssuedSealed: defineTopic({
    name: 'welkom.evidence-source.issued.v2',
    eventType: 'welkom.evidence-source.issued',
    schemaVersion: 2,
    codec: SealedIssuedEvidence,
    key: (event: SealedIssuedEvidence) => `${event.evidence?.evidenceType}/${event.evidence?.sourceReference}`,
    partitions: 3,
    publisherRoles: EVIDENCE_SOURCE_ROLES,
    consumerRoles: HUB_ONLY,
    clearIdentifiers: (event: SealedIssuedEvidence) => clearIdentifiersOf(event.evidence?.subject, 'evidence.subject'),
  }),
  evidenceSourceRevoked: defineTopic({
    name: 'welkom.evidence-source.revoked.v1',
    eventType: 'welkom.evidence-source.revoked',
    schemaVersion: 1,
    codec: EvidenceWithdrawal,
    key: (event: EvidenceWithdrawal) => `${event.evidenceType}/${event.sourceReference}`,
    partitions: 3,
    publisherRoles: EVIDENCE_SOURCE_ROLES,
    consumerRoles: HUB_ONLY,
  }),
  evidenceVerified: defineTopic({
    name: 'welkom.evidence.verified.v1',
    eventType: 'welkom.evidence.verified',
    schemaVersion: 1,
    codec: EvidenceVerified,
    key: (event: EvidenceVerified) => event.subject?.pseudonym ?? '',
    partitions: 3,
    publisherRoles: HUB_ONLY,
    // RVO: the Point of Entry guidance marks evidence the hub already holds (pseudonym and type only).
    consumerRoles: [PartyRole.PARTY_ROLE_IND, PartyRole.PARTY_ROLE_RVO],
  }),
  evidenceRevoked: defineTopic({
    name: 'welkom.evidence.revoked.v1',
    eventType: 'welkom.evidence.revoked',
    schemaVersion: 1,
    codec: EvidenceRevoked,
    key: (event: EvidenceRevoked) => event.subject?.pseudonym ?? '',
    partitions: 3,
    publisherRoles: HUB_ONLY,
    consumerRoles: [PartyRole.PARTY_ROLE_RVO],
  }),
  evidenceRequested: defineTopic({
    name: 'welkom.evidence.requested.v1',
    eventType: 'welkom.evidence.requested',
    schemaVersion: 1,
    codec: EvidenceRequested,
    key: (event: EvidenceRequested) => event.subject?.pseudonym ?? '',
    partitions: 3,
    publisherRoles: HUB_ONLY,
  }),
  evidenceRequestCompleted: defineTopic({
    name: 'welkom.evidence.request-completed.v1',
    eventType: 'welkom.evidence.request-completed',
    schemaVersion: 1,
    codec: EvidenceRequestCompleted,
    key: (event: EvidenceRequestCompleted) => event.subject?.pseudonym ?? '',
    partitions: 3,
    publisherRoles: HUB_ONLY,
    consumerRoles: [PartyRole.PARTY_ROLE_IND],
  }),
  evidenceRequestExpired: defineTopic({
    name: 'welkom.evidence.request-expired.v1',
    eventType: 'welkom.evidence.request-expired',
    schemaVersion: 1,
    codec: EvidenceRequestExpired,
    key: (event: EvidenceRequestExpired) => event.subject?.pseudonym ?? '',
    partitions: 3,
    publisherRoles: HUB_ONLY,
    consumerRoles: [PartyRole.PARTY_ROLE_IND],
  }),
  grantChanged: defineTopic({
    name: 'welkom.hub.grant-changed.v1',
    eventType: 'welkom.hub.grant-changed',
    schemaVersion: 1,
    codec: GrantChanged,
    key: (event: GrantChanged) => event.grant?.grantId ?? '',
    partitions: 1,
    publisherRoles: HUB_ONLY,
  }),
  // Signed checkpoints of the hub's audit chain (apps/hub/src/audit), anchored outside the hub's database. Keyed
  // by chain: compaction keeps each chain's latest, which is all a verifier needs; it never expires.
  auditCheckpoint: defineTopic({
    name: 'welkom.hub.audit-checkpoints.v1',
    eventType: 'welkom.hub.audit-checkpoint',
    schemaVersion: 1,
    codec: AuditCheckpoint,
    key: (checkpoint: AuditCheckpoint) => checkpoint.chainId,
    partitions: 1,
    publisherRoles: HUB_ONLY,
    // The connectors countersign what they read here (issue 12).
    consumerRoles: [...HUB_ONLY, ...COUNTERSIGNING_ROLES],
    // The console shows the latest signed checkpoint; it verifies the hub's signature as any consumer would.
    readerRoles: [PartyRole.PARTY_ROLE_OPERATIONS_CONSOLE],
    config: { 'cleanup.policy': 'compact', 'retention.ms': '-1' },
  }),
  // The parties' counter-signatures of the hub's checkpoints, outside the hub's database and signed with keys the
  // hub does not hold. One key per party, chain and checkpoint: compaction then keeps every one, and never expires.
  auditCountersignature: defineTopic({
    name: 'welkom.hub.audit-countersignatures.v1',
    eventType: 'welkom.hub.audit-countersignature',
    schemaVersion: 1,
    codec: AuditCountersignature,
    key: (countersignature: AuditCountersignature) =>
      `${countersignature.chainId}/${countersignature.sequence}/${countersignature.partyOin}`,
    partitions: 1,
    publisherRoles: COUNTERSIGNING_ROLES,
    consumerRoles: HUB_ONLY,
    config: { 'cleanup.policy': 'compact', 'retention.ms': '-1' },
  }),
  // IND application status (ARCHITECTURE.md §5), keyed by the pseudonymous case id so the events of one
  // application keep their order. The EU reporting feed is built from it.
  applicationStatusChanged: defineTopic({
    name: 'welkom.ind.application-status.v1',
    eventType: 'welkom.ind.application-status',
    schemaVersion: 1,
    codec: ApplicationStatusChanged,
    key: (event: ApplicationStatusChanged) => event.applicationRef,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_IND],
    // The hub learns sponsorships from it (issue 11, leak 4). RVO: a grant or an issued MVV is an arrival to refer
    // to a welcome centre (relocation referral). The consular posts: an MVV authorised opens the MVV leg.
    consumerRoles: [
      PartyRole.PARTY_ROLE_HUB_OPERATOR,
      PartyRole.PARTY_ROLE_UNIVERSITY,
      PartyRole.PARTY_ROLE_EU_REPORTING,
      PartyRole.PARTY_ROLE_RVO,
      PartyRole.PARTY_ROLE_CONSULAR_POST,
    ],
  }),
  // The EU Talent Platform feed (apps/eu-reporting): one record per series and period, keyed by its series
  // id; compaction keeps the latest figures of every series, so a new connector reads the whole feed.
  talentFeed: defineTopic({
    name: 'welkom.reporting.talent-feed.v1',
    eventType: 'welkom.reporting.talent-feed',
    schemaVersion: 1,
    codec: TalentFeedSeries,
    key: (series: TalentFeedSeries) => series.seriesId,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_EU_REPORTING],
    config: { 'cleanup.policy': 'compact' },
  }),
  // IND deadlines (DOMAIN.md §2.1), keyed by the case id like the status events of the same application.
  deadlineAtRisk: defineTopic({
    name: 'welkom.ind.deadline-at-risk.v1',
    eventType: 'welkom.ind.deadline-at-risk',
    schemaVersion: 1,
    codec: DeadlineAlert,
    key: (event: DeadlineAlert) => event.applicationRef,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_IND],
  }),
  deadlineBreached: defineTopic({
    name: 'welkom.ind.deadline-breached.v1',
    eventType: 'welkom.ind.deadline-breached',
    schemaVersion: 1,
    codec: DeadlineAlert,
    key: (event: DeadlineAlert) => event.applicationRef,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_IND],
  }),
  decisionPeriodExtended: defineTopic({
    name: 'welkom.ind.decision-period-extended.v1',
    eventType: 'welkom.ind.decision-period-extended',
    schemaVersion: 1,
    codec: DecisionPeriodExtended,
    key: (event: DecisionPeriodExtended) => event.applicationRef,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_IND],
  }),
  // Sponsors to the IND (apps/university and, later, research organisations and employers): applications
  // filed over the backbone, keyed by the applicant's pseudonym, and duty-to-notify reports, keyed by the
  // IND case id so they stay in order with that case's status events.
  applicationFiled: defineTopic({
    name: 'welkom.sponsor.application-filed.v1',
    eventType: 'welkom.sponsor.application-filed',
    schemaVersion: 1,
    codec: ApplicationFiled,
    key: (event: ApplicationFiled) => event.applicant?.pseudonym ?? '',
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_RECOGNISED_SPONSOR, PartyRole.PARTY_ROLE_UNIVERSITY, PartyRole.PARTY_ROLE_RESEARCH_ORGANISATION],
    consumerRoles: [PartyRole.PARTY_ROLE_IND],
  }),
  sponsorNotification: defineTopic({
    name: 'welkom.sponsor.notification.v1',
    eventType: 'welkom.sponsor.notification',
    schemaVersion: 1,
    codec: SponsorNotification,
    key: (event: SponsorNotification) => event.applicationRef,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_RECOGNISED_SPONSOR, PartyRole.PARTY_ROLE_UNIVERSITY, PartyRole.PARTY_ROLE_RESEARCH_ORGANISATION],
    // The hub ends the reporting sponsor's own sponsorship of the case (issue 11).
    consumerRoles: [PartyRole.PARTY_ROLE_IND, PartyRole.PARTY_ROLE_HUB_OPERATOR],
  }),
  // The MVV leg of an application at the consular posts (apps/consular, DOMAIN.md §2.2): every step on one
  // topic, keyed by the IND case id like the status events, so the IND and the sponsor see the steps in order.
  mvvLegStep: defineTopic({
    name: 'welkom.consular.mvv-leg.v1',
    eventType: 'welkom.consular.mvv-leg',
    schemaVersion: 1,
    codec: MvvLegStep,
    key: (event: MvvLegStep) => event.applicationRef,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_CONSULAR_POST],
    // The IND follows the leg (apps/ind/src/entry-visa).
    consumerRoles: [PartyRole.PARTY_ROLE_IND],
  }),
  // RVO's relocation referrals (apps/rvo/src/relocation): an arrival linked to its regional welcome centre,
  // pseudonymous facts only (no business plan, no salary, no identifier), keyed by the IND case id.
  relocationReferral: defineTopic({
    name: 'welkom.rvo.relocation-referral.v1',
    eventType: 'welkom.rvo.relocation-referral',
    schemaVersion: 1,
    codec: RelocationReferral,
    key: (event: RelocationReferral) => event.applicationRef,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_RVO],
    consumerRoles: [PartyRole.PARTY_ROLE_WELCOME_CENTRE],
  }),
  // UWV's work permits (apps/uwv/src/work-permits): a case close to the end of its 5-week term, once per case,
  // keyed by UWV's case id; no employee on it. No service consumes it; operators read it.
  workPermitTermAtRisk: defineTopic({
    name: 'welkom.uwv.work-permit-term-at-risk.v1',
    eventType: 'welkom.uwv.work-permit-term-at-risk',
    schemaVersion: 1,
    codec: WorkPermitTermAtRisk,
    key: (event: WorkPermitTermAtRisk) => event.caseId,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_UWV],
  }),
  // The single permit (GVVA, DOMAIN.md §2.4): the IND asks UWV for labour-market advice and UWV answers, both
  // keyed by the IND case id; pseudonym, employer, vacancy reference and reason codes only.
  labourMarketAdviceRequested: defineTopic({
    name: 'welkom.ind.labour-market-advice-requested.v1',
    eventType: 'welkom.ind.labour-market-advice-requested',
    schemaVersion: 1,
    codec: LabourMarketAdviceRequested,
    key: (event: LabourMarketAdviceRequested) => event.applicationRef,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_IND],
    consumerRoles: [PartyRole.PARTY_ROLE_UWV],
  }),
  labourMarketAdviceGiven: defineTopic({
    name: 'welkom.uwv.labour-market-advice.v1',
    eventType: 'welkom.uwv.labour-market-advice',
    schemaVersion: 1,
    codec: LabourMarketAdviceGiven,
    key: (event: LabourMarketAdviceGiven) => event.applicationRef,
    partitions: 3,
    publisherRoles: [PartyRole.PARTY_ROLE_UWV],
    consumerRoles: [PartyRole.PARTY_ROLE_IND],
  }),
} as const;

export type TopicKey = keyof typeof TOPICS;

export function allTopicDefinitions(): TopicDefinition<unknown>[] {
  return Object.values(TOPICS) as TopicDefinition<unknown>[];
}

/** Every topic name the project must create: each declared topic and its dead-letter topic. */
export function declaredTopicNames(): string[] {
  return allTopicDefinitions().flatMap((topic) => [topic.name, deadLetterTopicOf(topic)]);
}
