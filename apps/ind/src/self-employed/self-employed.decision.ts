import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { CategoryDecision } from '../decisions/category-decision';
import { RULES_NOT_IN_FORCE, waitingDecision } from '../decisions/category-decision';
import type { ApplicationForDecision, DecisionContext, DecisionEvidence, SelfEmployedScoreEvidence } from '../decisions/decision-evidence';
import { checkEvidence, usedOf } from '../decisions/permit-decision.policy';
import type { SelfEmployedReasonCode, SelfEmployedRules } from './self-employed.reference';

const isScore = (e: DecisionEvidence): e is SelfEmployedScoreEvidence =>
  e.type === EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT;

/**
 * The IND's decision on a self-employed permit (DOMAIN.md §1.8) on RVO's SELF_EMPLOYED_POINTS_ASSESSMENT as the hub
 * disclosed it (the newest usable one): a positive score grants the permit; a negative one refuses with RVO's
 * grounds as findings; an exempt route grants when the rules in force accept it; no score yet waits for RVO. Pure.
 */
export function decideSelfEmployed(
  application: ApplicationForDecision,
  evidence: readonly DecisionEvidence[],
  context: DecisionContext & { readonly rules: SelfEmployedRules },
): CategoryDecision {
  const base = { ruleVersion: context.rules.version, sponsorRegisterVersion: context.sponsors.version };
  const version = context.rules.on(application.receivedOn);
  if (version === undefined) {
    return {
      ...base,
      outcome: 'INCOMPLETE',
      reasonCode: RULES_NOT_IN_FORCE,
      findings: [RULES_NOT_IN_FORCE],
      evidenceUsed: [],
      evidenceSetAside: [],
    };
  }
  // RVO issues the score, not the filing channel (RVO's Point of Entry or the IND's desk).
  const check = checkEvidence<SelfEmployedScoreEvidence, SelfEmployedReasonCode>(
    evidence.filter(isScore),
    EvidenceType.EVIDENCE_TYPE_SELF_EMPLOYED_POINTS_ASSESSMENT,
    'POINTS_ASSESSMENT_MISSING',
    {
      application,
      onDate: context.decidedOn,
      issuerMustBeSponsor: false,
      evaluate: (e) =>
        e.facts.outcome === undefined || (e.facts.outcome === 'EXEMPT' && e.facts.exemptionRoute === undefined)
          ? 'EVIDENCE_FIELD_NOT_DISCLOSED'
          : undefined,
    },
  );
  const score = check.used !== undefined && isScore(check.used) ? check.used : undefined;
  if (score === undefined || check.finding !== undefined) {
    return waitingDecision(base, check.finding ?? 'POINTS_ASSESSMENT_MISSING', check.setAside);
  }
  const used = { evidenceUsed: [usedOf(score)], evidenceSetAside: check.setAside };
  const granted = (basis: string): CategoryDecision => ({
    ...base,
    ...used,
    outcome: 'GRANTED',
    findings: [basis, `PERMIT_MONTHS:${version.permitMonths}`, `LABOUR_MARKET:${version.labourMarket}`, `RENEWABLE:${version.renewable}`],
  });
  switch (score.facts.outcome) {
    case undefined:
      // evaluate() set it aside already; kept so the switch is exhaustive.
      return waitingDecision(base, 'EVIDENCE_FIELD_NOT_DISCLOSED', check.setAside);
    case 'NEGATIVE':
      // RVO's grounds (e.g. BUSINESS_PLAN_BELOW_MINIMUM) are the decision's findings: the applicant learns why.
      return {
        ...base,
        ...used,
        outcome: 'REFUSED',
        reasonCode: 'POINTS_BELOW_THRESHOLD',
        findings: ['POINTS_BELOW_THRESHOLD', ...(score.facts.reasons ?? [])],
      };
    case 'EXEMPT': {
      const route = score.facts.exemptionRoute;
      if (route === undefined || !version.acceptedExemptionRoutes.includes(route)) {
        return {
          ...base,
          ...used,
          outcome: 'REFUSED',
          reasonCode: 'EXEMPTION_ROUTE_NOT_ACCEPTED',
          findings: ['EXEMPTION_ROUTE_NOT_ACCEPTED', `EXEMPTION_ROUTE:${route ?? ''}`],
        };
      }
      return granted(`EXEMPTION_ROUTE:${route}`);
    }
    case 'POSITIVE':
      return granted(`POINTS:${score.facts.totalPoints ?? ''}:${score.facts.variant ?? ''}`);
  }
}
