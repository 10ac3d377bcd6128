import type { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { SponsorChange } from '@welkom/contracts/generated/welkom/ind/v1/sponsor_events';
import type { DecisionKind } from '../assessment/case-assessment';
import type { IsoDate } from '@welkom/platform';
import type { DeadlineLine } from '../deadlines/decision-deadline.calculator';
import type { EvidenceSetAside, EvidenceUsed } from '../decisions/permit-decision.policy';
import type { NotificationEffect } from '../notifications/sponsor-notification.plan';
import type { KnowledgeMigrantDetails } from '../knowledge-migrants/knowledge-migrant.command';
import type { SalaryAssessmentRecord } from '../knowledge-migrants/knowledge-migrant.decision';
import type { ArrivalFactsRecord } from '../arrival/arrival-facts';
import type { ApplicantIdentifier } from './applicant-identifier';
import type { EvidenceRequestRecord } from './evidence-request';
import type { FamilyMemberRecord } from '../families/family-member';

/**
 * SPONSOR: a sponsor filed (study, research, knowledge migrants, family of a sponsored main applicant).
 * APPLICANT_CHANNEL: the applicant applies himself (orientation year, start-up) and a filing channel carried it.
 */
export type FilingRoute = 'SPONSOR' | 'APPLICANT_CHANNEL';

/**
 * The IND's case file of one application (ARCHITECTURE.md §5), as services see it. The repository maps it
 * to and from its table; the assessment queue's bookkeeping (flag, sequence, lease) stays in the table.
 */
export interface ApplicationRecord {
  /** The pseudonymous case id of the status events (UUID). */
  readonly id: string;
  readonly sponsorOin: string;
  readonly sponsorReference: string;
  /** SHA-256 of what was filed: the same reference filed with other content is refused. */
  readonly requestFingerprint: string;
  readonly category: PermitCategory;
  readonly status: ApplicationStatus;
  readonly applicant: ApplicantIdentifier;
  readonly subjectPseudonym: string | null;
  readonly citizenship: string;
  readonly intendedStayFrom: IsoDate;
  readonly intendedStayUntil: IsoDate;
  readonly submittedOn: IsoDate;
  readonly sponsorRecognised: boolean;
  readonly completeOnReceipt: boolean;
  readonly decidedOn: IsoDate | null;
  readonly reasonCode: string | null;
  readonly deadlines: readonly DeadlineLine[];
  readonly deadlineReferenceVersion: string;
  readonly extensionDays: number | null;
  readonly extensionAnnouncedOn: IsoDate | null;
  /** Alerts already emitted, as "<kind>:AT_RISK" / "<kind>:BREACHED": each is emitted once. */
  readonly deadlineAlerts: readonly string[];
  /** Highly skilled migrant and EU Blue Card only: what selects and tests the income criterion. */
  readonly knowledgeMigrant: KnowledgeMigrantDetails | null;
  /** Where the person will be received (relocation referral facts); null when not stated. */
  readonly arrival: ArrivalFactsRecord | null;
  /** The day the holder of the MVV entered the Netherlands (the consular service's step); the permit follows it. */
  readonly mvvEnteredOn: IsoDate | null;
  /** Where the residence document is collected: an IND desk or expat centre code (welcome-centres.v1.json); '' if none named. */
  readonly collectionPoint: string;
  /** Who carried the filing: a sponsor, or a filing channel for an applicant who applies himself (issue 15). */
  readonly filingRoute: FilingRoute;
  /** Family members only: the main application they are linked to and decided with. */
  readonly familyMember: FamilyMemberRecord | null;
  readonly createdAt: Date;
  readonly updatedAt: Date;
}

/** What a service may change on a case; its identity, filing and creation time never change. */
export type ApplicationChanges = Partial<
  Pick<
    ApplicationRecord,
    | 'status'
    | 'subjectPseudonym'
    | 'completeOnReceipt'
    | 'decidedOn'
    | 'reasonCode'
    | 'deadlines'
    | 'extensionDays'
    | 'extensionAnnouncedOn'
    | 'deadlineAlerts'
    | 'mvvEnteredOn'
    | 'updatedAt'
  >
>;

/** One status the case went through, with the id of the event that announced it. */
export interface ApplicationStatusRecord {
  readonly applicationId: string;
  readonly status: ApplicationStatus;
  readonly reasonCode: string | null;
  readonly occurredAt: Date;
  readonly eventId: string;
}

/** What a decision rested on: rules, register, evidence by reference and hash (ARCHITECTURE.md §5). */
export interface DecisionRecord {
  readonly id: string;
  readonly applicationId: string;
  readonly kind: DecisionKind;
  readonly resultingStatus: ApplicationStatus;
  readonly reasonCode: string | null;
  readonly findings: readonly string[];
  readonly ruleVersion: string;
  readonly sponsorRegisterVersion: string;
  readonly evidenceUsed: readonly EvidenceUsed[];
  readonly evidenceSetAside: readonly EvidenceSetAside[];
  readonly decidedOn: IsoDate;
  readonly decidedAt: Date;
  readonly sponsorNotificationId: string | null;
  /** Knowledge-migrant decisions: the income criterion, reference date and threshold table version. */
  readonly salaryAssessment: SalaryAssessmentRecord | null;
}

/** A duty-to-notify report of the sponsor and what it did to the case. */
export interface SponsorNotificationRecord {
  readonly sponsorOin: string;
  readonly notificationId: string;
  readonly applicationId: string;
  readonly change: SponsorChange;
  readonly factDate: IsoDate;
  readonly reportedOn: IsoDate;
  readonly effect: NotificationEffect;
  readonly reportedLate: boolean;
  readonly receivedAt: Date;
}

/** A case with everything a caller may see about it. */
export interface ApplicationView {
  readonly application: ApplicationRecord;
  readonly history: readonly ApplicationStatusRecord[];
  readonly decisions: readonly DecisionRecord[];
  readonly requests: readonly EvidenceRequestRecord[];
  readonly notifications: readonly SponsorNotificationRecord[];
}
