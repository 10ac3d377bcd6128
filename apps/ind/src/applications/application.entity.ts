import type { ArrivalFactsRecord } from '../arrival/arrival-facts';
import { Column, Entity, Index, PrimaryColumn, PrimaryGeneratedColumn, Unique } from 'typeorm';
import type { DeadlineLine } from '../deadlines/decision-deadline.calculator';
import type { KnowledgeMigrantDetails } from '../knowledge-migrants/knowledge-migrant.command';
import type { SalaryAssessmentRecord } from '../knowledge-migrants/knowledge-migrant.decision';
import type { ApplicantIdentifier } from './applicant-identifier';
import type { FamilyMemberRecord } from '../families/family-member';

/**
 * The tables of the IND's case files: persistence shapes only. Services work on the records of
 * ./application and ./evidence-request; the repositories map between the two. Dates are Dutch calendar
 * dates, YYYY-MM-DD.
 */
@Entity({ name: 'ind_application' })
@Unique('UQ_ind_application_sponsor_reference', ['sponsorOin', 'sponsorReference'])
@Index('IDX_ind_application_needs_assessment', ['id'], { where: '"needs_assessment"' })
@Index('IDX_ind_application_subject', ['subjectPseudonym'])
@Index('IDX_ind_application_status', ['status'])
@Index('IDX_ind_application_main_application', ['mainApplicationId'])
export class ApplicationEntity {
  /** The pseudonymous case id of the status events (UUID). */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'sponsor_oin', type: 'char', length: 20 })
  sponsorOin!: string;

  @Column({ name: 'sponsor_reference', type: 'text' })
  sponsorReference!: string;

  /** SHA-256 of what was filed: the same reference filed with other content is refused. */
  @Column({ name: 'request_fingerprint', type: 'char', length: 64 })
  requestFingerprint!: string;

  @Column({ type: 'text' })
  category!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ type: 'jsonb' })
  applicant!: ApplicantIdentifier;

  @Column({ name: 'subject_pseudonym', type: 'text', nullable: true })
  subjectPseudonym!: string | null;

  @Column({ type: 'char', length: 2 })
  citizenship!: string;

  @Column({ name: 'intended_stay_from', type: 'char', length: 10 })
  intendedStayFrom!: string;

  @Column({ name: 'intended_stay_until', type: 'char', length: 10 })
  intendedStayUntil!: string;

  @Column({ name: 'submitted_on', type: 'char', length: 10 })
  submittedOn!: string;

  @Column({ name: 'sponsor_recognised', type: 'boolean' })
  sponsorRecognised!: boolean;

  @Column({ name: 'complete_on_receipt', type: 'boolean' })
  completeOnReceipt!: boolean;

  @Column({ name: 'decided_on', type: 'char', length: 10, nullable: true })
  decidedOn!: string | null;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ type: 'jsonb' })
  deadlines!: DeadlineLine[];

  @Column({ name: 'deadline_reference_version', type: 'text' })
  deadlineReferenceVersion!: string;

  @Column({ name: 'extension_days', type: 'integer', nullable: true })
  extensionDays!: number | null;

  @Column({ name: 'extension_announced_on', type: 'char', length: 10, nullable: true })
  extensionAnnouncedOn!: string | null;

  /** Alerts already emitted, as "<kind>:AT_RISK" / "<kind>:BREACHED": each is emitted once. */
  @Column({ name: 'deadline_alerts', type: 'text', array: true })
  deadlineAlerts!: string[];

  /** Highly skilled migrant and EU Blue Card only (issue 13). */
  @Column({ name: 'knowledge_migrant', type: 'jsonb', nullable: true })
  knowledgeMigrant!: KnowledgeMigrantDetails | null;

  /** Where the person will be received, as filed (relocation referral facts). */
  @Column({ name: 'arrival', type: 'jsonb', nullable: true })
  arrival!: ArrivalFactsRecord | null;

  @Column({ name: 'mvv_entered_on', type: 'char', length: 10, nullable: true })
  mvvEnteredOn!: string | null;
  /** The collection point code the application named; '' when none. */
  @Column({ name: 'collection_point', type: 'text', default: '' })
  collectionPoint!: string;

  /** SPONSOR, or APPLICANT_CHANNEL: an applicant who applies himself, through a filing channel (issue 15). */
  @Column({ name: 'filing_route', type: 'text', default: 'SPONSOR' })
  filingRoute!: string;

  /** Family members only: the link to the main application (issue 15). */
  @Column({ name: 'family_member', type: 'jsonb', nullable: true })
  familyMember!: FamilyMemberRecord | null;

  /** Family members only: the main application, for finding the members decided with it. */
  @Column({ name: 'main_application_id', type: 'uuid', nullable: true })
  mainApplicationId!: string | null;

  /** Something happened that the case has not been assessed for yet (an event, a crash, a hub outage). */
  @Column({ name: 'needs_assessment', type: 'boolean' })
  needsAssessment!: boolean;

  /** Bumped on every reason to assess again, so an assessment clears the flag only if nothing new came in. */
  @Column({ name: 'assessment_seq', type: 'integer' })
  assessmentSeq!: number;

  /** An assessor holds the case until then; a crashed one loses it when the lease runs out. */
  @Column({ name: 'assessment_lease_until', type: 'timestamptz', nullable: true })
  assessmentLeaseUntil!: Date | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** Every status the case went through, with the id of the event that announced it. */
@Entity({ name: 'ind_application_status' })
@Index('IDX_ind_application_status_case', ['applicationId', 'id'])
export class ApplicationStatusEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint', primaryKeyConstraintName: 'PK_ind_application_status' })
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text' })
  status!: string;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt!: Date;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId!: string;
}

/** What a decision rested on: rules, register, evidence by reference and hash (ARCHITECTURE.md §5). */
@Entity({ name: 'ind_decision' })
@Index('IDX_ind_decision_case', ['applicationId'])
export class DecisionEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text' })
  kind!: string;

  @Column({ name: 'resulting_status', type: 'text' })
  resultingStatus!: string;

  @Column({ name: 'reason_code', type: 'text', nullable: true })
  reasonCode!: string | null;

  @Column({ type: 'text', array: true })
  findings!: string[];

  @Column({ name: 'rule_version', type: 'text' })
  ruleVersion!: string;

  @Column({ name: 'sponsor_register_version', type: 'text' })
  sponsorRegisterVersion!: string;

  /**
   * `contentCommitment` is the hub's salted commitment (issue 11, leak 3). Decisions stored before it hold
   * `contentSha256`, the unsalted hash the hub handed out then: kept as the record of that decision, never
   * passed on (the mapper shows an empty commitment for them).
   */
  @Column({ name: 'evidence_used', type: 'jsonb' })
  evidenceUsed!: { evidenceId: string; evidenceType: string; contentCommitment?: string; contentSha256?: string }[];

  @Column({ name: 'evidence_set_aside', type: 'jsonb' })
  evidenceSetAside!: { evidenceId: string; evidenceType: string; reason: string }[];

  @Column({ name: 'decided_on', type: 'char', length: 10 })
  decidedOn!: string;

  @Column({ name: 'decided_at', type: 'timestamptz' })
  decidedAt!: Date;

  @Column({ name: 'sponsor_notification_id', type: 'uuid', nullable: true })
  sponsorNotificationId!: string | null;

  /** Knowledge-migrant decisions: the income criterion they rested on (issue 13). */
  @Column({ name: 'salary_assessment', type: 'jsonb', nullable: true })
  salaryAssessment!: SalaryAssessmentRecord | null;
}

/**
 * A request the IND made to the hub. Keyed by our own id; `hub_request_id` is unique, so a completion event
 * that overtakes the commit of its case (the source answered within milliseconds) is stored first and
 * claimed by the case when it commits: neither can miss the other.
 */
@Entity({ name: 'ind_evidence_request' })
@Unique('UQ_ind_evidence_request_hub_request', ['hubRequestId'])
@Index('IDX_ind_evidence_request_case', ['applicationId'])
export class EvidenceRequestEntity {
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ name: 'hub_request_id', type: 'uuid', nullable: true })
  hubRequestId!: string | null;

  @Column({ name: 'application_id', type: 'uuid', nullable: true })
  applicationId!: string | null;

  @Column({ name: 'evidence_type', type: 'text' })
  evidenceType!: string;

  /** PENDING, COMPLETED, EXPIRED or REFUSED. */
  @Column({ type: 'text' })
  state!: string;

  @Column({ name: 'requested_at', type: 'timestamptz', nullable: true })
  requestedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  deadline!: Date | null;

  @Column({ name: 'evidence_id', type: 'uuid', nullable: true })
  evidenceId!: string | null;

  @Column({ name: 'refusal_reason', type: 'text', nullable: true })
  refusalReason!: string | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}

/** A duty-to-notify report of the sponsor and what it did to the case. */
@Entity({ name: 'ind_sponsor_notification' })
@Index('IDX_ind_sponsor_notification_case', ['applicationId'])
export class SponsorNotificationEntity {
  @PrimaryColumn({ name: 'sponsor_oin', type: 'char', length: 20, primaryKeyConstraintName: 'PK_ind_sponsor_notification' })
  sponsorOin!: string;

  @PrimaryColumn({ name: 'notification_id', type: 'uuid', primaryKeyConstraintName: 'PK_ind_sponsor_notification' })
  notificationId!: string;

  @Column({ name: 'application_id', type: 'uuid' })
  applicationId!: string;

  @Column({ type: 'text' })
  change!: string;

  @Column({ name: 'fact_date', type: 'char', length: 10 })
  factDate!: string;

  @Column({ name: 'reported_on', type: 'char', length: 10 })
  reportedOn!: string;

  @Column({ type: 'text' })
  effect!: string;

  @Column({ name: 'reported_late', type: 'boolean' })
  reportedLate!: boolean;

  @Column({ name: 'received_at', type: 'timestamptz' })
  receivedAt!: Date;
}

export const IND_ENTITIES = [ApplicationEntity, ApplicationStatusEntity, DecisionEntity, EvidenceRequestEntity, SponsorNotificationEntity];
