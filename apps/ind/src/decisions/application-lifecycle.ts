import { ApplicationStatus } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { DecisionError } from './decision.errors';

const {
  APPLICATION_STATUS_UNSPECIFIED: NONE,
  APPLICATION_STATUS_SUBMITTED: SUBMITTED,
  APPLICATION_STATUS_EVIDENCE_PENDING: EVIDENCE_PENDING,
  APPLICATION_STATUS_ADVICE_PENDING: ADVICE_PENDING,
  APPLICATION_STATUS_GRANTED: GRANTED,
  APPLICATION_STATUS_REFUSED: REFUSED,
  APPLICATION_STATUS_MVV_AUTHORISED: MVV_AUTHORISED,
  APPLICATION_STATUS_BIOMETRICS_CAPTURED: BIOMETRICS_CAPTURED,
  APPLICATION_STATUS_MVV_ISSUED: MVV_ISSUED,
  APPLICATION_STATUS_PERMIT_ISSUED: PERMIT_ISSUED,
  APPLICATION_STATUS_WITHDRAWN: WITHDRAWN,
  APPLICATION_STATUS_EXPIRED: EXPIRED,
} = ApplicationStatus;

/** The guard PERMIT_ISSUED needs: `assessPermitIssuance` produces it. */
export interface PermitIssuanceCheck {
  readonly ready: boolean;
  readonly missingEvidence: readonly EvidenceType[];
}

/** What can happen to an application; each accepted event becomes an application.status-changed event. */
export type ApplicationEvent =
  | { readonly type: 'APPLICATION_SUBMITTED' }
  | { readonly type: 'EVIDENCE_REQUESTED' }
  | { readonly type: 'ADVICE_REQUESTED' }
  | { readonly type: 'APPLICATION_GRANTED' }
  | { readonly type: 'APPLICATION_REFUSED' }
  | { readonly type: 'APPLICATION_WITHDRAWN' }
  | { readonly type: 'MVV_AUTHORISED' }
  | { readonly type: 'BIOMETRICS_CAPTURED' }
  | { readonly type: 'MVV_ISSUED' }
  | { readonly type: 'PERMIT_ISSUED'; readonly issuance: PermitIssuanceCheck }
  | { readonly type: 'GRANT_WITHDRAWN' }
  | { readonly type: 'APPLICATION_EXPIRED' };

export type ApplicationEventType = ApplicationEvent['type'];

const OPEN = [SUBMITTED, EVIDENCE_PENDING, ADVICE_PENDING];
const GRANTED_NOT_ISSUED = [GRANTED, MVV_AUTHORISED, BIOMETRICS_CAPTURED, MVV_ISSUED];

/**
 * ARCHITECTURE.md §5: SUBMITTED → (EVIDENCE_PENDING | ADVICE_PENDING)* → GRANTED | REFUSED → (MVV_AUTHORISED →
 * BIOMETRICS_CAPTURED → MVV_ISSUED) → PERMIT_ISSUED, plus WITHDRAWN and EXPIRED. The MVV leg is skipped when no
 * entry visa is needed (GRANTED → PERMIT_ISSUED).
 */
const TRANSITIONS: Record<ApplicationEventType, { readonly from: readonly ApplicationStatus[]; readonly to: ApplicationStatus }> = {
  // A case starts from nothing, so replaying its events from UNSPECIFIED rebuilds its status.
  APPLICATION_SUBMITTED: { from: [NONE], to: SUBMITTED },
  // Requests may alternate and repeat while the file is open (the `*` of §5).
  EVIDENCE_REQUESTED: { from: OPEN, to: EVIDENCE_PENDING },
  ADVICE_REQUESTED: { from: OPEN, to: ADVICE_PENDING },
  APPLICATION_GRANTED: { from: OPEN, to: GRANTED },
  APPLICATION_REFUSED: { from: OPEN, to: REFUSED },
  // Withdrawal is the applicant's, and only while there is still something to decide.
  APPLICATION_WITHDRAWN: { from: OPEN, to: WITHDRAWN },
  MVV_AUTHORISED: { from: [GRANTED], to: MVV_AUTHORISED },
  BIOMETRICS_CAPTURED: { from: [MVV_AUTHORISED], to: BIOMETRICS_CAPTURED },
  MVV_ISSUED: { from: [BIOMETRICS_CAPTURED], to: MVV_ISSUED },
  PERMIT_ISSUED: { from: [GRANTED, MVV_ISSUED], to: PERMIT_ISSUED },
  // Facts after the notification may lead the IND to withdraw it and reject (Vc B1/3.3.4, DOMAIN.md §2.2).
  GRANT_WITHDRAWN: { from: GRANTED_NOT_ISSUED, to: REFUSED },
  // Not appearing at the post within 3 months, or not entering within 90 days of the MVV (DOMAIN.md §2.2, §7.6).
  APPLICATION_EXPIRED: { from: [MVV_AUTHORISED, BIOMETRICS_CAPTURED, MVV_ISSUED], to: EXPIRED },
};

export const TERMINAL_STATUSES: readonly ApplicationStatus[] = [REFUSED, WITHDRAWN, EXPIRED, PERMIT_ISSUED];

/** The refusal of a move the lifecycle does not allow; carries both ends so the caller can log and map it. */
export class IllegalStatusTransitionError extends DecisionError {
  constructor(
    readonly from: ApplicationStatus,
    readonly eventType: string,
  ) {
    super('ILLEGAL_STATUS_TRANSITION', `An application in ${from} cannot take ${eventType}`, {
      metadata: { from: String(from), event: eventType },
    });
    this.name = 'IllegalStatusTransitionError';
  }
}

/** The status after `event`, or a typed error when the lifecycle does not allow it from `current`. */
export function transition(current: ApplicationStatus, event: ApplicationEvent): ApplicationStatus {
  const rule = (TRANSITIONS as Partial<Record<string, (typeof TRANSITIONS)[ApplicationEventType]>>)[event?.type];
  if (rule === undefined || !rule.from.includes(current)) {
    throw new IllegalStatusTransitionError(current, String(event?.type));
  }
  if (event.type === 'PERMIT_ISSUED' && event.issuance?.ready !== true) {
    const missing = event.issuance?.missingEvidence ?? [];
    throw new DecisionError(
      'PERMIT_ISSUANCE_CONDITIONS_NOT_MET',
      `The permit cannot be issued yet; missing: ${missing.length > 0 ? missing.join(', ') : 'the issuance check'}`,
      { metadata: { from: String(current), missingEvidence: missing.join(',') } },
    );
  }
  return rule.to;
}

/** The events an application in `status` can take, e.g. to offer only valid actions in a back office. */
export function allowedEvents(status: ApplicationStatus): ApplicationEventType[] {
  return (Object.keys(TRANSITIONS) as ApplicationEventType[]).filter((type) => TRANSITIONS[type].from.includes(status));
}
