import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import { ApplicationStatus, PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { IsoDate } from '@welkom/platform';
import type { ApplicationForDecision, DecisionContext, DecisionEvidence, SponsorRecognitionLookup } from '../decisions/decision-evidence';
import type { DecisionRules } from '../decisions/decision-rules';
import { type ApplicationEvent, transition } from '../decisions/application-lifecycle';
import { assessPermitIssuance, decide, type EvidenceSetAside, type EvidenceUsed } from '../decisions/permit-decision.policy';
import type { RequestedEvidenceType } from '../reference-data/evidence-request.reference';
import type { MvvExemptionReference, SalaryThresholdReference } from '@welkom/reference-data';
import { entryVisaAfterGrant, type EntryVisaFacts, permitWaitsForEntry } from '../entry-visa/entry-visa.decision';
import { isKnowledgeMigrantCategory, recognitionIsOptional } from '../knowledge-migrants/knowledge-migrant.command';
import { decideKnowledgeMigrant, type SalaryAssessmentRecord } from '../knowledge-migrants/knowledge-migrant.decision';
import type { CategoryDecision } from '../decisions/category-decision';
import { DecisionError } from '../decisions/decision.errors';
import { decideOrientationYearCase } from '../orientation-year/orientation-year.decision';
import type { OrientationYearRules } from '../orientation-year/orientation-year.reference';
import { decideStartUp } from '../start-up/start-up.decision';
import type { StartUpRules } from '../start-up/start-up.reference';
import { decideSelfEmployed } from '../self-employed/self-employed.decision';
import type { SelfEmployedRules } from '../self-employed/self-employed.reference';
import { decideFamilyMember, type FamilyMemberCase, type MainApplicationSnapshot } from '../families/family-member.decision';
import type { FamilyMembersRules } from '../families/family-members.reference';
import { isSelfAppliedCategory } from '../self-applicants/filing-channel.reference';

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
  /** Orientation year: the DEGREE_AWARDED evidence ids this person was granted an orientation year on before. */
  readonly completionsUsedBefore?: readonly string[];
  /** Family member: the main application it is linked to, as it stands, and the member's own link. */
  readonly family?: { readonly main: MainApplicationSnapshot | null; readonly member: FamilyMemberCase };
}

export interface AssessmentContext {
  readonly rules: DecisionRules;
  readonly sponsors: SponsorRecognitionLookup;
  readonly today: IsoDate;
  readonly salaryThresholds?: SalaryThresholdReference;
  /** Who needs an MVV (DOMAIN.md §2.6); with the snapshot's entryVisa it routes a grant to MVV_AUTHORISED. */
  readonly mvvExemptions?: MvvExemptionReference;
  /** The rules of the categories decided on RVO's, a university's or the main application's word (issue 15). */
  readonly orientationYear?: OrientationYearRules;
  readonly startUp?: StartUpRules;
  readonly selfEmployed?: SelfEmployedRules;
  readonly familyMembers?: FamilyMembersRules;
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
  // Issue 15: the university's degree, RVO's advice; a family member rests on the main application, not on the hub.
  if (category === PermitCategory.PERMIT_CATEGORY_ORIENTATION_YEAR) return [EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED];
  if (category === PermitCategory.PERMIT_CATEGORY_START_UP) return [EvidenceType.EVIDENCE_TYPE_START_UP_ASSESSMENT];
  if (category === PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED) return [EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT];
  if (category === PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER) return [];
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
    // An applicant who files himself has no sponsor to be recognised (filing-channels.v1.json).
    return sponsorRecognised || recognitionIsOptional(category) || isSelfAppliedCategory(category)
      ? [...decisionEvidenceOf(category), ...issuanceEvidenceOf(category)]
      : [];
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
    const result = decideCase(snapshot, evidence, context, decisionContext);
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
    // Knowledge migrants need no evidence for issuance beyond the decision's (DOMAIN.md §1.2, §1.3), as researchers;
    // nor do the categories of issue 15 (their permit follows the grant).
    const category = snapshot.application.category;
    const issuance = isKnowledgeMigrantCategory(category)
      ? { ready: true, missingEvidence: [], ruleVersion: context.salaryThresholds?.version ?? '', evidenceUsed: [], evidenceSetAside: [] }
      : ISSUED_ON_GRANT.has(category)
        ? { ready: true, missingEvidence: [], ruleVersion: categoryRulesVersion(category, context), evidenceUsed: [], evidenceSetAside: [] }
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

/** Categories of issue 15 whose permit is issued on the grant, without evidence of its own. */
const ISSUED_ON_GRANT: ReadonlySet<PermitCategory> = new Set([
  PermitCategory.PERMIT_CATEGORY_ORIENTATION_YEAR,
  PermitCategory.PERMIT_CATEGORY_START_UP,
  PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED,
  PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER,
]);

function categoryRulesVersion(category: PermitCategory, context: AssessmentContext): string {
  if (category === PermitCategory.PERMIT_CATEGORY_ORIENTATION_YEAR) return context.orientationYear?.version ?? '';
  if (category === PermitCategory.PERMIT_CATEGORY_START_UP) return context.startUp?.version ?? '';
  if (category === PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED) return context.selfEmployed?.version ?? '';
  return context.familyMembers?.version ?? '';
}

function rulesFor<T>(rules: T | undefined, category: PermitCategory): T {
  if (rules === undefined) {
    throw new DecisionError('NO_RULES_FOR_CATEGORY', `No rules loaded for ${category}`, { metadata: { category } });
  }
  return rules;
}

/** The decision of the case's category, with the rules of that category. */
function decideCase(
  snapshot: CaseSnapshot,
  evidence: readonly DecisionEvidence[],
  context: AssessmentContext,
  decisionContext: DecisionContext,
): CategoryDecision & { readonly salaryAssessment?: SalaryAssessmentRecord } {
  const { application } = snapshot;
  switch (application.category) {
    case PermitCategory.PERMIT_CATEGORY_ORIENTATION_YEAR:
      return decideOrientationYearCase(application, evidence, {
        ...decisionContext,
        rules: rulesFor(context.orientationYear, application.category),
        completionsUsedBefore: snapshot.completionsUsedBefore ?? [],
      });
    case PermitCategory.PERMIT_CATEGORY_START_UP:
      return decideStartUp(application, evidence, { ...decisionContext, rules: rulesFor(context.startUp, application.category) });
    case PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED:
      return decideSelfEmployed(application, evidence, { ...decisionContext, rules: rulesFor(context.selfEmployed, application.category) });
    case PermitCategory.PERMIT_CATEGORY_FAMILY_MEMBER: {
      const rules = rulesFor(context.familyMembers, application.category);
      const family = snapshot.family;
      if (!family?.main) {
        // Intake checks the main application exists; without it there is nothing to decide the member with.
        return {
          outcome: 'REFUSED',
          reasonCode: 'MAIN_APPLICATION_NOT_FOUND',
          findings: ['MAIN_APPLICATION_NOT_FOUND'],
          ruleVersion: rules.version,
          sponsorRegisterVersion: '',
          evidenceUsed: [],
          evidenceSetAside: [],
        };
      }
      return decideFamilyMember(family.main, family.member, rules);
    }
    default:
      return isKnowledgeMigrantCategory(application.category)
        ? decideKnowledgeMigrant(application, evidence, decisionContext)
        : decide(application, evidence, context.rules, decisionContext);
  }
}
