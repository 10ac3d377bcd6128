import { EvidenceType } from '@welkom/contracts/generated/welkom/common/v1/evidence';
import type { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { IsoDate } from '@welkom/platform';
import type { SalaryCriterion } from '@welkom/reference-data';
import type { ApplicationForDecision, DecisionContext, DecisionEvidence, WageEvidence } from '../decisions/decision-evidence';
import { DecisionError } from '../decisions/decision.errors';
import { checkEvidence, type DecisionResult, usedOf } from '../decisions/permit-decision.policy';
import { isKnowledgeMigrantCategory } from './knowledge-migrant.command';
import { assessKnowledgeMigrant, type KnowledgeMigrantReason } from './knowledge-migrant.policy';

/** What a knowledge-migrant decision rested on, stored with it (the amount is the public criterion, never a salary). */
export interface SalaryAssessmentRecord {
  readonly category: PermitCategory;
  readonly criterion: SalaryCriterion;
  readonly criterionAmountEur: number;
  readonly referenceDate: IsoDate;
  readonly thresholdTableVersion: string;
}

export type KnowledgeMigrantDecision = Omit<DecisionResult, 'reasonCode' | 'findings'> & {
  readonly reasonCode?: KnowledgeMigrantReason | 'EVIDENCE_FIELD_NOT_DISCLOSED';
  readonly findings: readonly string[];
  readonly salaryAssessment?: SalaryAssessmentRecord;
};

const isWage = (e: DecisionEvidence): e is WageEvidence => e.type === EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD;

/**
 * The IND's decision on a highly-skilled-migrant or EU Blue Card application: the register on the day of
 * receipt and of decision, UWV's wage fact (the newest usable one), and the income criterion of the
 * reference date. Pure; ruleVersion is the threshold table's version, which the decision also records.
 */
export function decideKnowledgeMigrant(
  application: ApplicationForDecision,
  evidence: readonly DecisionEvidence[],
  context: DecisionContext,
): KnowledgeMigrantDecision {
  const { salaryThresholds: table, sponsors, decidedOn } = context;
  const details = application.knowledgeMigrant;
  if (!isKnowledgeMigrantCategory(application.category) || !details || !table) {
    throw new DecisionError('NO_RULES_FOR_CATEGORY', `No knowledge-migrant rules or details for ${application.category}`, {
      metadata: { category: application.category },
    });
  }
  const purpose = sponsors.purposeForCategory?.(application.category);
  const sponsorRecognised =
    purpose !== undefined &&
    sponsors.isRecognisedFor(application.sponsorOin, purpose, application.receivedOn) &&
    sponsors.isRecognisedFor(application.sponsorOin, purpose, decidedOn);

  // UWV issues the wage fact, not the sponsor: any issuer the hub accepted as the source will do.
  const check = checkEvidence<WageEvidence, 'WAGE_EVIDENCE_MISSING' | 'EVIDENCE_FIELD_NOT_DISCLOSED'>(
    evidence.filter(isWage),
    EvidenceType.EVIDENCE_TYPE_WAGE_MEETS_THRESHOLD,
    'WAGE_EVIDENCE_MISSING',
    {
      application,
      onDate: decidedOn,
      issuerMustBeSponsor: false,
      evaluate: (e) =>
        e.facts.meetsThreshold === undefined || e.facts.criterion === undefined ? 'EVIDENCE_FIELD_NOT_DISCLOSED' : undefined,
    },
  );
  const wage = check.used !== undefined && check.finding === undefined && isWage(check.used) ? check.used : undefined;
  const assessment = assessKnowledgeMigrant(
    table,
    { ...details, category: application.category, submittedOn: application.receivedOn },
    sponsorRecognised,
    wage === undefined
      ? undefined
      : {
          evidenceId: wage.evidenceId,
          meetsThreshold: wage.facts.meetsThreshold === true,
          criterion: wage.facts.criterion,
          thresholdReferenceDate: wage.facts.thresholdReferenceDate ?? '',
          thresholdTableVersion: wage.facts.thresholdTableVersion ?? '',
        },
  );
  // A withheld field is a grant problem at the hub, reported as such rather than as "no evidence".
  const undisclosed = check.finding === 'EVIDENCE_FIELD_NOT_DISCLOSED' && assessment.reasonCode === 'WAGE_EVIDENCE_MISSING';
  const reasonCode = undisclosed ? 'EVIDENCE_FIELD_NOT_DISCLOSED' : assessment.reasonCode;
  const criterion = assessment.criterion;
  return {
    outcome: assessment.outcome,
    ...(reasonCode !== undefined ? { reasonCode } : {}),
    findings: assessment.findings.map((finding) => finding.code),
    missingEvidence: check.missing !== undefined ? [check.missing] : [],
    pendingForPermitIssuance: [],
    ruleVersion: table.version,
    sponsorRegisterVersion: sponsors.version,
    evidenceUsed: check.used !== undefined && assessment.outcome !== 'INCOMPLETE' ? [usedOf(check.used)] : [],
    evidenceSetAside: check.setAside,
    ...(criterion !== undefined
      ? {
          salaryAssessment: {
            category: application.category,
            criterion: criterion.criterion,
            criterionAmountEur: criterion.amountEur,
            referenceDate: assessment.referenceDate,
            thresholdTableVersion: assessment.thresholdTableVersion,
          },
        }
      : {}),
  };
}
