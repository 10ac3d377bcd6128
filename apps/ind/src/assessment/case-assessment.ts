import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { IsoDate } from '@welkom/platform';
import type { ApplicationForDecision, DecisionEvidence, SponsorRecognitionLookup } from '../decisions/decision-evidence';
import type { DecisionRules } from '../decisions/decision-rules';
import { type ApplicationEvent, transition } from '../decisions/application-lifecycle';
import { assessPermitIssuance, decide, type EvidenceSetAside, type EvidenceUsed } from '../decisions/permit-decision.policy';
import type { RequestedEvidenceType } from '../reference-data/evidence-request.reference';
import type { MvvExemptionReference, SalaryThresholdReference } from '@welkom/reference-data';
import { entryVisaAfterGrant, type EntryVisaFacts, permitWaitsForEntry } from '../entry-visa/entry-visa.decision';
import { isKnowledgeMigrantCategory, recognitionIsOptional } from '../knowledge-migrants/knowledge-migrant.command';
import { decideKnowledgeMigrant, type SalaryAssessmentRecord } from '../knowledge-migrants/knowledge-migrant.decision';

/** What the hub answered when the IND asked for one evidence type. */
export type EvidenceLookup =
  | { readonly kind: 'disclosed'; readonly evidence: DecisionEvidence; readonly subjectPseudonym: string }
  | {
      readonly kind: 'pending';
      readonly requestId: string;
      readonly requestedAt: Date;
      readonly deadline: Date;
      readonly subjectPseudonym: string;
    }
  /** The hub refused (no grant, evidence revoked, ...): nothing to rely on, and nothing to ask the applicant. */
  | { readonly kind: 'refused'; readonly reason: string; readonly message: string };

export type DecisionKind = 'APPLICATION' | 'PERMIT_ISSUANCE' | 'SPONSOR_NOTIFICATION' | 'WITHDRAWAL';

/** What a decision rested on, stored with it so it can be explained later. */
export interface DecisionDraft {
  readonly kind: DecisionKind;
  readonly resultingStatus: ApplicationStatus;
  readonly reasonCode?: string;
  readonly findings: readonly string[];
  readonly ruleVersion: string;
  readonly sponsorRegisterVersion: string;
  readonly evidenceUsed: readonly EvidenceUsed[];
  readonly evidenceSetAside: readonly EvidenceSetAside[];
  readonly decidedOn: IsoDate;
  readonly sponsorNotificationId?: string;
  readonly salaryAssessment?: SalaryAssessmentRecord;
}

/** One accepted lifecycle step: each becomes a status event. */
export interface PlannedTransition {
  readonly event: ApplicationEvent;
  readonly to: ApplicationStatus;
  readonly reasonCode?: string;
  readonly decision?: DecisionDraft;
}

export interface CaseSnapshot {
  readonly application: ApplicationForDecision;
  readonly status: ApplicationStatus;
  /** Citizenship and entry, for the MVV leg; without them a grant goes straight on to the permit. */
  readonly entryVisa?: EntryVisaFacts;
}

export interface AssessmentContext {
  readonly rules: DecisionRules;
  readonly sponsors: SponsorRecognitionLookup;
  readonly today: IsoDate;
  readonly salaryThresholds?: SalaryThresholdReference;
  /** Who needs an MVV (DOMAIN.md §2.6); with the snapshot's entryVisa it routes a grant to MVV_AUTHORISED. */
  readonly mvvExemptions?: MvvExemptionReference;
}

export interface AssessmentPlan {
  readonly transitions: readonly PlannedTransition[];
  /** The status after the plan; unchanged when there was nothing to decide yet. */
  readonly status: ApplicationStatus;
  /** The decision rules could be applied without waiting for any source. */
  readonly complete: boolean;
}

const OPEN: readonly ApplicationStatus[] = [
  ApplicationStatus.APPLICATION_STATUS_SUBMITTED,
  ApplicationStatus.APPLICATION_STATUS_EVIDENCE_PENDING,
  ApplicationStatus.APPLICATION_STATUS_ADVICE_PENDING,
];
const GRANTED_NOT_ISSUED: readonly ApplicationStatus[] = [
  ApplicationStatus.APPLICATION_STATUS_GRANTED,
  ApplicationStatus.APPLICATION_STATUS_MVV_ISSUED,
];

export function isOpen(status: ApplicationStatus): boolean {
  return OPEN.includes(status);
}

/** The evidence a decision on this category reads; tuition is only read for issuance (seed 003). */
function decisionEvidenceOf(category: PermitCategory): RequestedEvidenceType[] {
  // Knowledge migrants: UWV's derived wage fact (issue 13); never the salary itself.
  if (isKnowledgeMigrantCategory(category)) return [EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD];
  return category === PermitCategory.PERMIT_CATEGORY_STUDENT
    ? [EvidenceType.EVIDENCE_TYPE_ENROLMENT_PROOF]
    : [EvidenceType.EVIDENCE_TYPE_RESEARCHER_HOSTING_AGREEMENT];
}

function issuanceEvidenceOf(category: PermitCategory): RequestedEvidenceType[] {
  return category === PermitCategory.PERMIT_CATEGORY_STUDENT ? [EvidenceType.EVIDENCE_TYPE_TUITION_PAYMENT_STATUS] : [];
}

/**
 * What the IND asks the hub for in this state. An open file needs the decision evidence and, already, the
 * issuance evidence, so the permit can follow the grant at once; a granted one only what issuance still
 * needs. A sponsor that is not recognised gets a refusal without anyone looking the person up.
 */
export function evidenceNeeded(category: PermitCategory, status: ApplicationStatus, sponsorRecognised: boolean): RequestedEvidenceType[] {
  if (isOpen(status)) {
    return sponsorRecognised || recognitionIsOptional(category) ? [...decisionEvidenceOf(category), ...issuanceEvidenceOf(category)] : [];
  }
  if (GRANTED_NOT_ISSUED.includes(status)) return issuanceEvidenceOf(category);
  return [];
}

/**
 * The next steps of a case from what the hub answered, with the rules in force today. Pure: the service
 * commits the plan (status, decision records, events) in one transaction. An open case is decided by
 * `decide`; a gap puts it in EVIDENCE_PENDING (once); a grant is followed by the permit when issuance is
 * possible. Nothing happens when nothing changed, so assessing twice emits nothing twice.
 */
export function planAssessment(
  snapshot: CaseSnapshot,
  lookups: ReadonlyMap<EvidenceType, EvidenceLookup>,
  context: AssessmentContext,
): AssessmentPlan {
  const evidence = [...lookups.values()].flatMap((lookup) => (lookup.kind === 'disclosed' ? [lookup.evidence] : []));
  const transitions: PlannedTransition[] = [];
  let status = snapshot.status;
  let complete = true;
  const step = (event: ApplicationEvent, reasonCode?: string, decision?: DecisionDraft): void => {
    status = transition(status, event);
    transitions.push({ event, to: status, ...(reasonCode !== undefined ? { reasonCode } : {}), ...(decision ? { decision } : {}) });
  };

  if (isOpen(status)) {
    const decisionContext = { decidedOn: context.today, sponsors: context.sponsors, salaryThresholds: context.salaryThresholds };
    const result = isKnowledgeMigrantCategory(snapshot.application.category)
      ? decideKnowledgeMigrant(snapshot.application, evidence, decisionContext)
      : decide(snapshot.application, evidence, context.rules, decisionContext);
    const entryVisa =
      snapshot.entryVisa && context.mvvExemptions
        ? entryVisaAfterGrant(snapshot.entryVisa, context.today, context.mvvExemptions)
        : undefined;
    const draft = (resultingStatus: ApplicationStatus): DecisionDraft => ({
      kind: 'APPLICATION',
      resultingStatus,
      ...(result.reasonCode !== undefined ? { reasonCode: result.reasonCode } : {}),
      findings:
        entryVisa && resultingStatus === ApplicationStatus.APPLICATION_STATUS_GRANTED
          ? [...result.findings, entryVisa.finding]
          : result.findings,
      ruleVersion: result.ruleVersion,
      sponsorRegisterVersion: result.sponsorRegisterVersion,
      evidenceUsed: result.evidenceUsed,
      evidenceSetAside: result.evidenceSetAside,
      decidedOn: context.today,
      ...('salaryAssessment' in result && result.salaryAssessment ? { salaryAssessment: result.salaryAssessment } : {}),
    });
    if (result.outcome === 'REFUSED') {
      step({ type: 'APPLICATION_REFUSED' }, result.reasonCode, draft(ApplicationStatus.APPLICATION_STATUS_REFUSED));
      return { transitions, status, complete };
    }
    if (result.outcome === 'INCOMPLETE') {
      complete = false;
      if (status !== ApplicationStatus.APPLICATION_STATUS_EVIDENCE_PENDING) step({ type: 'EVIDENCE_REQUESTED' }, result.reasonCode);
      return { transitions, status, complete };
    }
    step({ type: 'APPLICATION_GRANTED' }, undefined, draft(ApplicationStatus.APPLICATION_STATUS_GRANTED));
    // The MVV leg runs at the consular posts; its events bring the case back (apps/ind/src/entry-visa).
    if (entryVisa?.required) {
      step({ type: 'MVV_AUTHORISED' });
      return { transitions, status, complete };
    }
  }

  if (GRANTED_NOT_ISSUED.includes(status) && !permitWaitsForEntry(status, snapshot.entryVisa)) {
    // Knowledge migrants need no evidence for issuance beyond the decision's (DOMAIN.md §1.2, §1.3), as researchers.
    const issuance = isKnowledgeMigrantCategory(snapshot.application.category)
      ? { ready: true, missingEvidence: [], ruleVersion: context.salaryThresholds?.version ?? '', evidenceUsed: [], evidenceSetAside: [] }
      : assessPermitIssuance(snapshot.application, evidence, context.rules, context.today);
    if (issuance.ready) {
      step({ type: 'PERMIT_ISSUED', issuance }, undefined, {
        kind: 'PERMIT_ISSUANCE',
        resultingStatus: ApplicationStatus.APPLICATION_STATUS_PERMIT_ISSUED,
        findings: [],
        ruleVersion: issuance.ruleVersion,
        sponsorRegisterVersion: context.sponsors.version,
        evidenceUsed: issuance.evidenceUsed,
        evidenceSetAside: issuance.evidenceSetAside,
        decidedOn: context.today,
      });
    }
  }
  return { transitions, status, complete };
}
