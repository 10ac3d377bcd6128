import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { bundledRecognisedSponsorRegister } from '../sponsors/recognised-sponsor.register';
import {
  allowedEvents,
  IllegalStatusTransitionError,
  TERMINAL_STATUSES,
  transition,
  type ApplicationEvent,
  type ApplicationEventType,
} from './application-lifecycle';
import { DecisionError } from './decision.errors';
import { bundledDecisionRules } from './decision-rules';
import { assessPermitIssuance, decide } from './permit-decision.policy';
import type { ApplicationForDecision, EnrolmentEvidence } from './decision-evidence';

const S = ApplicationStatus;
const READY = { ready: true, missingEvidence: [] };

const EVENTS: Record<ApplicationEventType, ApplicationEvent> = {
  APPLICATION_SUBMITTED: { type: 'APPLICATION_SUBMITTED' },
  EVIDENCE_REQUESTED: { type: 'EVIDENCE_REQUESTED' },
  ADVICE_REQUESTED: { type: 'ADVICE_REQUESTED' },
  APPLICATION_GRANTED: { type: 'APPLICATION_GRANTED' },
  APPLICATION_REFUSED: { type: 'APPLICATION_REFUSED' },
  APPLICATION_WITHDRAWN: { type: 'APPLICATION_WITHDRAWN' },
  MVV_AUTHORISED: { type: 'MVV_AUTHORISED' },
  BIOMETRICS_CAPTURED: { type: 'BIOMETRICS_CAPTURED' },
  MVV_ISSUED: { type: 'MVV_ISSUED' },
  PERMIT_ISSUED: { type: 'PERMIT_ISSUED', issuance: READY },
  GRANT_WITHDRAWN: { type: 'GRANT_WITHDRAWN' },
  APPLICATION_EXPIRED: { type: 'APPLICATION_EXPIRED' },
};

function replay(types: ApplicationEventType[]): ApplicationStatus {
  return types.reduce<ApplicationStatus>((status, type) => transition(status, EVENTS[type]), S.APPLICATION_STATUS_UNSPECIFIED);
}

function errorOf(act: () => unknown): unknown {
  try {
    act();
  } catch (error) {
    return error;
  }
  return undefined;
}

describe('application lifecycle', () => {
  it('takes a student with an entry visa from submission to permit', () => {
    expect(
      replay([
        'APPLICATION_SUBMITTED',
        'EVIDENCE_REQUESTED',
        'APPLICATION_GRANTED',
        'MVV_AUTHORISED',
        'BIOMETRICS_CAPTURED',
        'MVV_ISSUED',
        'PERMIT_ISSUED',
      ]),
    ).toBe(S.APPLICATION_STATUS_PERMIT_ISSUED);
  });

  it('issues the permit straight after the grant when no entry visa is needed', () => {
    expect(replay(['APPLICATION_SUBMITTED', 'APPLICATION_GRANTED', 'PERMIT_ISSUED'])).toBe(S.APPLICATION_STATUS_PERMIT_ISSUED);
  });

  it('lets evidence and advice requests alternate and repeat before the decision', () => {
    expect(
      replay([
        'APPLICATION_SUBMITTED',
        'ADVICE_REQUESTED',
        'EVIDENCE_REQUESTED',
        'EVIDENCE_REQUESTED',
        'ADVICE_REQUESTED',
        'APPLICATION_REFUSED',
      ]),
    ).toBe(S.APPLICATION_STATUS_REFUSED);
  });

  it.each([
    [
      'withdrawn while evidence is pending',
      ['APPLICATION_SUBMITTED', 'EVIDENCE_REQUESTED', 'APPLICATION_WITHDRAWN'],
      S.APPLICATION_STATUS_WITHDRAWN,
    ],
    [
      'expired when the applicant does not appear at the post in time',
      ['APPLICATION_SUBMITTED', 'APPLICATION_GRANTED', 'MVV_AUTHORISED', 'APPLICATION_EXPIRED'],
      S.APPLICATION_STATUS_EXPIRED,
    ],
    [
      'expired when the MVV holder does not enter in time',
      ['APPLICATION_SUBMITTED', 'APPLICATION_GRANTED', 'MVV_AUTHORISED', 'BIOMETRICS_CAPTURED', 'MVV_ISSUED', 'APPLICATION_EXPIRED'],
      S.APPLICATION_STATUS_EXPIRED,
    ],
    [
      'refused when the IND withdraws the notification after new facts',
      ['APPLICATION_SUBMITTED', 'APPLICATION_GRANTED', 'MVV_AUTHORISED', 'GRANT_WITHDRAWN'],
      S.APPLICATION_STATUS_REFUSED,
    ],
  ] as const)('ends %s', (_case, events, status) => {
    expect(replay([...events])).toBe(status);
  });

  it.each([
    [S.APPLICATION_STATUS_SUBMITTED, 'APPLICATION_SUBMITTED'],
    [S.APPLICATION_STATUS_SUBMITTED, 'MVV_AUTHORISED'],
    [S.APPLICATION_STATUS_SUBMITTED, 'PERMIT_ISSUED'],
    [S.APPLICATION_STATUS_GRANTED, 'EVIDENCE_REQUESTED'],
    [S.APPLICATION_STATUS_GRANTED, 'APPLICATION_WITHDRAWN'],
    [S.APPLICATION_STATUS_GRANTED, 'BIOMETRICS_CAPTURED'],
    [S.APPLICATION_STATUS_MVV_AUTHORISED, 'PERMIT_ISSUED'],
    [S.APPLICATION_STATUS_REFUSED, 'APPLICATION_GRANTED'],
    [S.APPLICATION_STATUS_PERMIT_ISSUED, 'GRANT_WITHDRAWN'],
    [S.APPLICATION_STATUS_UNSPECIFIED, 'APPLICATION_GRANTED'],
  ] as const)('refuses to move an application in %s on %s', (from, type) => {
    const error = errorOf(() => transition(from, EVENTS[type]));
    expect(error).toBeInstanceOf(IllegalStatusTransitionError);
    expect(error).toMatchObject({ from, eventType: type, reason: 'ILLEGAL_STATUS_TRANSITION', code: 'FAILED_PRECONDITION' });
  });

  it('refuses an event it does not know', () => {
    const unknown = { type: 'APPLICATION_TELEPORTED' } as unknown as ApplicationEvent;
    expect(errorOf(() => transition(S.APPLICATION_STATUS_SUBMITTED, unknown))).toBeInstanceOf(IllegalStatusTransitionError);
  });

  it('accepts no event at all in a terminal status', () => {
    for (const status of TERMINAL_STATUSES) expect([status, allowedEvents(status)]).toEqual([status, []]);
  });

  it('can reach every status from a new case, and a terminal status from every status', () => {
    const next = (status: ApplicationStatus): ApplicationStatus[] => allowedEvents(status).map((type) => transition(status, EVENTS[type]));
    const reachable = new Set<ApplicationStatus>([S.APPLICATION_STATUS_UNSPECIFIED]);
    for (let frontier = [...reachable]; frontier.length > 0;) {
      frontier = frontier.flatMap(next).filter((s) => !reachable.has(s));
      frontier.forEach((s) => reachable.add(s));
    }
    expect([...reachable].sort()).toEqual(Object.values(S).sort());
    for (const status of Object.values(S)) {
      const seen = new Set([status]);
      for (let frontier = [status]; frontier.length > 0;) {
        frontier = frontier.flatMap(next).filter((s) => !seen.has(s));
        frontier.forEach((s) => seen.add(s));
      }
      expect([status, TERMINAL_STATUSES.some((t) => seen.has(t))]).toEqual([status, true]);
    }
  });
});

describe('permit issuance guard', () => {
  const application: ApplicationForDecision = {
    applicationRef: 'case-student-2',
    category: PermitCategory.PERMIT_CATEGORY_STUDENT,
    receivedOn: '2026-05-01',
    sponsorOin: '00000003281234560000',
    intendedStay: { from: '2026-09-01', until: '2027-08-31' },
  };
  const enrolment: EnrolmentEvidence = {
    evidenceId: 'ev-enrolment-2',
    type: EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF,
    contentCommitment: 'e'.repeat(64),
    issuerOin: application.sponsorOin,
    issuedOn: '2026-04-20',
    validUntil: '2027-08-31',
    revoked: false,
    facts: { status: 'ADMITTED', fullTime: true, programmeStartDate: '2026-09-01', expectedEndDate: '2027-08-31' },
  };
  const rules = bundledDecisionRules();

  it('grants a student before tuition is paid but will not issue the permit until it is', () => {
    const decision = decide(application, [enrolment], rules, { decidedOn: '2026-06-15', sponsors: bundledRecognisedSponsorRegister() });
    expect(decision.outcome).toBe('GRANTED');
    const granted = transition(S.APPLICATION_STATUS_SUBMITTED, EVENTS.APPLICATION_GRANTED);

    const notYet = assessPermitIssuance(application, [enrolment], rules, '2026-08-20');
    const error = errorOf(() => transition(granted, { type: 'PERMIT_ISSUED', issuance: notYet }));
    expect(error).toBeInstanceOf(DecisionError);
    expect(error).toMatchObject({
      reason: 'PERMIT_ISSUANCE_CONDITIONS_NOT_MET',
      metadata: { missingEvidence: 'EVIDENCE_TYPE_TUITION_PAYMENT_STATUS' },
    });

    const tuition = {
      ...enrolment,
      evidenceId: 'ev-tuition-2',
      type: EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS,
      contentCommitment: 'f'.repeat(64),
      facts: { payment: 'PAID_IN_FULL' },
    } as const;
    const paid = assessPermitIssuance(application, [enrolment, tuition], rules, '2026-08-20');
    expect(transition(granted, { type: 'PERMIT_ISSUED', issuance: paid })).toBe(S.APPLICATION_STATUS_PERMIT_ISSUED);
  });

  it('refuses PERMIT_ISSUED that arrives without an issuance check', () => {
    const withoutCheck = { type: 'PERMIT_ISSUED' } as unknown as ApplicationEvent;
    expect(errorOf(() => transition(S.APPLICATION_STATUS_MVV_ISSUED, withoutCheck))).toMatchObject({
      reason: 'PERMIT_ISSUANCE_CONDITIONS_NOT_MET',
    });
  });
});
