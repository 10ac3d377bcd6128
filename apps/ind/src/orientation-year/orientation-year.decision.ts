import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { CategoryDecision } from '../decisions/category-decision';
import { RULES_NOT_IN_FORCE, waitingDecision } from '../decisions/category-decision';
import type { ApplicationForDecision, DecisionContext, DecisionEvidence, DegreeAwardedEvidence } from '../decisions/decision-evidence';
import { checkEvidence, usedOf } from '../decisions/permit-decision.policy';
import { decideOrientationYear, type QualifyingCompletion } from './orientation-year.policy';
import type { OrientationYearRules } from './orientation-year.reference';

const isDegree = (e: DecisionEvidence): e is DegreeAwardedEvidence => e.type === EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED;

/**
 * The IND's decision on an orientation year from the university's DEGREE_AWARDED evidence as the hub disclosed it
 * (the newest usable one): the 3-year window and once-per-completion rule of orientation-year.v1.json. Pure.
 */
export function decideOrientationYearCase(
  application: ApplicationForDecision,
  evidence: readonly DecisionEvidence[],
  context: DecisionContext & { readonly rules: OrientationYearRules; readonly completionsUsedBefore: readonly string[] },
): CategoryDecision {
  const base = { ruleVersion: context.rules.version, sponsorRegisterVersion: context.sponsors.version };
  if (context.rules.on(application.receivedOn) === undefined) return waitingDecision(base, RULES_NOT_IN_FORCE);
  // The university issues the degree, not the filing channel: any issuer the hub accepted as its source will do.
  const check = checkEvidence<DegreeAwardedEvidence, 'COMPLETION_EVIDENCE_MISSING' | 'EVIDENCE_FIELD_NOT_DISCLOSED'>(
    evidence.filter(isDegree),
    EvidenceType.EVIDENCE_TYPE_DEGREE_AWARDED,
    'COMPLETION_EVIDENCE_MISSING',
    {
      application,
      onDate: context.decidedOn,
      issuerMustBeSponsor: false,
      evaluate: (e) =>
        e.facts.completionKind === undefined || e.facts.completedOn === undefined ? 'EVIDENCE_FIELD_NOT_DISCLOSED' : undefined,
    },
  );
  if (check.finding === 'EVIDENCE_FIELD_NOT_DISCLOSED') return waitingDecision(base, check.finding, check.setAside);
  const degree = check.used !== undefined && isDegree(check.used) ? check.used : undefined;
  const completion: QualifyingCompletion | undefined =
    degree?.facts.completionKind !== undefined && degree.facts.completedOn !== undefined
      ? {
          evidenceId: degree.evidenceId,
          kind: degree.facts.completionKind,
          completedOn: degree.facts.completedOn,
          // Only a post-master counts its length; undisclosed, it cannot reach the minimum (fail closed).
          programmeMonths: degree.facts.programmeMonths ?? 0,
        }
      : undefined;
  const decision = decideOrientationYear(
    { receivedOn: application.receivedOn, extension: false, completion, completionsUsedBefore: context.completionsUsedBefore },
    context.rules,
  );
  const evidenceUsed = degree !== undefined && decision.outcome !== 'INCOMPLETE' ? [usedOf(degree)] : [];
  if (decision.outcome === 'GRANTED') {
    const { permit } = decision;
    return {
      ...base,
      outcome: 'GRANTED',
      // What the permit is, for the letter and the audit trail: 12 months, not renewable, free labour market.
      findings: [`VALID_UNTIL:${permit.validUntil}`, `LABOUR_MARKET:${permit.labourMarket}`, `RENEWABLE:${String(permit.renewable)}`],
      evidenceUsed,
      evidenceSetAside: check.setAside,
    };
  }
  return {
    ...base,
    outcome: decision.outcome,
    reasonCode: decision.reasonCode,
    findings: [decision.reasonCode],
    evidenceUsed,
    evidenceSetAside: check.setAside,
  };
}
