import type { SubjectIdentifier } from '@welkom/contracts/generated/welkom/evidence/v1/subject_identifier';
import type { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';

export type DeliveryState = 'QUEUED' | 'DELIVERED' | 'REJECTED';

/** An application the university files as recognised sponsor, and how its delivery to the IND went. */
export interface SponsoredApplicationRecord {
  /** The office's own reference; the IND's sponsor_reference. */
  readonly applicationReference: string;
  readonly requestFingerprint: string;
  readonly category: PermitCategory;
  /** Kept only until the IND has the application (data minimisation): then the IND's pseudonym suffices. */
  readonly applicant: SubjectIdentifier | null;
  readonly citizenship: string;
  readonly intendedStayFrom: string;
  readonly intendedStayUntil: string;
  readonly deliveryState: DeliveryState;
  readonly deliveryProblem: string | null;
  readonly deliveryAttempts: number;
  readonly nextDeliveryAt: Date | null;
  readonly indApplicationRef: string | null;
  readonly subjectPseudonym: string | null;
  readonly submittedOn: string | null;
  readonly filedAt: Date;
  readonly deliveredAt: Date | null;
}

/** What delivering changes on a filed application; what the office filed never changes. */
export type SponsoredApplicationChanges = Partial<
  Pick<
    SponsoredApplicationRecord,
    | 'applicant'
    | 'deliveryState'
    | 'deliveryProblem'
    | 'deliveryAttempts'
    | 'nextDeliveryAt'
    | 'indApplicationRef'
    | 'subjectPseudonym'
    | 'submittedOn'
    | 'deliveredAt'
  >
>;

/**
 * One of the IND's status events about the university's applications. Keyed by the IND's case id: an event
 * may arrive before the filing call returned the id, and is matched once it did.
 */
export interface ApplicationStatusRecord {
  readonly eventId: string;
  readonly indApplicationRef: string;
  readonly status: ApplicationStatus;
  readonly reasonCode: string | null;
  readonly submittedOn: string | null;
  readonly decidedOn: string | null;
  readonly subjectPseudonym: string | null;
  readonly occurredAt: Date;
}

/** An application with the IND's status events about it, in the order they arrived. */
export interface SponsoredApplicationView {
  readonly application: SponsoredApplicationRecord;
  readonly history: readonly ApplicationStatusRecord[];
}
