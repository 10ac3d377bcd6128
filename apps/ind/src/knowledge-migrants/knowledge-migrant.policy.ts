import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import type { IsoDate } from '@welkom/platform';
import {
  blueCardCriterionFor,
  blueCardEntryOn,
  hsmCriterionFor,
  type ReferenceDateSituation,
  type SalaryCriterion,
  type SalaryCriterionAmount,
  salaryCriterionAmount,
  salaryReferenceDate,
  type SalaryThresholdReference,
} from '@welkom/reference-data';

/** The knowledge-migrant categories this policy decides (DOMAIN.md §1.2, §1.3). */
export type KnowledgeMigrantCategory = PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT | PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD;

/**
 * Stable reason codes of knowledge-migrant decisions, with what each does to the decision. They join the IND's
 * decision codes on the status events (reason_code), so they are never renamed or reused.
 */
export const KNOWLEDGE_MIGRANT_REASONS = {
  SPONSOR_NOT_RECOGNISED: 'REFUSED',
  SALARY_BELOW_CRITERION: 'REFUSED',
  CONTRACT_TOO_SHORT: 'REFUSED',
  QUALIFICATION_NOT_MET: 'REFUSED',
  NO_CRITERION_ON_REFERENCE_DATE: 'REFUSED',
  WAGE_EVIDENCE_MISSING: 'INCOMPLETE',
  WAGE_FACT_FOR_OTHER_CRITERION: 'INCOMPLETE',
  CRITERION_UNCONFIRMED: 'INCOMPLETE',
  // Reported by the sponsor (duty to notify): the job the permit rests on ended.
  EMPLOYMENT_ENDED: 'REFUSED',
} as const;
export type KnowledgeMigrantReason = keyof typeof KNOWLEDGE_MIGRANT_REASONS;

/** What the employer files about the job and the person, beyond the common filing. */
export interface KnowledgeMigrantFiling {
  readonly category: KnowledgeMigrantCategory;
  readonly situation: ReferenceDateSituation;
  readonly submittedOn: IsoDate;
  readonly newContractStartsOn?: IsoDate;
  readonly birthDate: IsoDate;
  /** HSM: graduation that can give the reduced criterion; Blue Card: the higher-education degree. */
  readonly degreeObtainedOn?: IsoDate;
  readonly afterOrientationYear?: boolean;
  readonly firstHsmPermitAndEmployerChangesBefore30?: boolean;
  /** HSM for a researcher (salary-criterion exemption, DOMAIN.md §1.5). */
  readonly researcher?: boolean;
  /** Blue Card: contract length and, without a degree, the experience route. */
  readonly contractMonths?: number;
  readonly relevantExperienceYears?: number;
  readonly ictProfession?: boolean;
  /** ICT: years of ICT experience within the regime's window before the application (7 years, §1.3). */
  readonly ictExperienceYearsWithinWindow?: number;
}

/** UWV's derived fact as the hub disclosed it: yes/no against one criterion, never the salary. */
export interface WageFact {
  readonly evidenceId: string;
  readonly meetsThreshold: boolean;
  readonly criterion: SalaryCriterion | undefined;
  readonly thresholdReferenceDate: IsoDate;
  readonly thresholdTableVersion: string;
}

export interface KnowledgeMigrantFinding {
  readonly code: KnowledgeMigrantReason;
  /** SALARY_BELOW_CRITERION: the applicable amount (the criterion, never the person's salary). */
  readonly criterionAmountEur?: number;
  readonly detail: string;
}

export interface KnowledgeMigrantAssessment {
  readonly outcome: 'GRANTED' | 'REFUSED' | 'INCOMPLETE';
  readonly reasonCode?: KnowledgeMigrantReason;
  readonly findings: readonly KnowledgeMigrantFinding[];
  /** What the decision records: the category, the reference date, the table version and the criterion. */
  readonly category: KnowledgeMigrantCategory;
  readonly referenceDate: IsoDate;
  readonly thresholdTableVersion: string;
  readonly criterion?: SalaryCriterionAmount;
  /** The wage evidence the decision relied on. */
  readonly wageEvidenceId?: string;
}

/**
 * The criterion a knowledge-migrant case is measured against: which amount, on which reference date (§1.2.1),
 * from which table version. This is also what the IND asks UWV to answer about.
 */
export function applicableCriterion(
  table: SalaryThresholdReference,
  filing: KnowledgeMigrantFiling,
): { referenceDate: IsoDate; criterion: SalaryCriterion; amount: SalaryCriterionAmount | undefined } {
  const referenceDate = salaryReferenceDate(table, filing.situation, filing);
  const criterion =
    filing.category === PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD
      ? blueCardCriterionFor(table, { referenceDate, degreeObtainedOn: filing.degreeObtainedOn })
      : hsmCriterionFor(table, {
          referenceDate,
          birthDate: filing.birthDate,
          qualifyingGraduationOn: filing.degreeObtainedOn,
          afterOrientationYear: filing.afterOrientationYear,
          firstHsmPermitAndEmployerChangesBefore30: filing.firstHsmPermitAndEmployerChangesBefore30,
        });
  return { referenceDate, criterion, amount: salaryCriterionAmount(table, criterion, referenceDate) };
}

/**
 * The IND's decision on an HSM or Blue Card application, from the filing, the sponsor's recognition and UWV's
 * derived wage fact. Pure: the same input gives the same result, and the result names the table version,
 * category and reference date it rests on. Recognition is mandatory for HSM and optional for the Blue Card
 * (DOMAIN.md §1.1, §2.3); a Blue Card without it only gets the longer decision period.
 */
export function assessKnowledgeMigrant(
  table: SalaryThresholdReference,
  filing: KnowledgeMigrantFiling,
  sponsorRecognised: boolean,
  wage: WageFact | undefined,
): KnowledgeMigrantAssessment {
  const { referenceDate, criterion, amount } = applicableCriterion(table, filing);
  const findings: KnowledgeMigrantFinding[] = [];
  const isBlueCard = filing.category === PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD;

  if (!isBlueCard && !sponsorRecognised) {
    findings.push({ code: 'SPONSOR_NOT_RECOGNISED', detail: 'HSM needs a sponsor recognised in the Regular Labour and HSM part' });
  }
  if (isBlueCard) findings.push(...blueCardConditions(table, filing, referenceDate));

  if (amount === undefined) {
    findings.push({ code: 'NO_CRITERION_ON_REFERENCE_DATE', detail: `no ${criterion} amount in ${table.version} on ${referenceDate}` });
  } else if (!isBlueCard && filing.researcher === true && !table.highlySkilledMigrant.researcherExemption.confirmed) {
    // The minimum-wage exemption for researchers is unconfirmed (⚠️ DOMAIN.md §1.5): a person decides, not the rule.
    findings.push({ code: 'CRITERION_UNCONFIRMED', detail: 'researcher exemption from the salary criterion is unconfirmed' });
  } else if (!amount.confirmed) {
    findings.push({ code: 'CRITERION_UNCONFIRMED', detail: `${criterion} on ${referenceDate} is not confirmed in ${table.version}` });
  } else {
    findings.push(...wageFindings(amount, wage));
  }

  const refusal = findings.find((f) => KNOWLEDGE_MIGRANT_REASONS[f.code] === 'REFUSED');
  const gap = findings.find((f) => KNOWLEDGE_MIGRANT_REASONS[f.code] === 'INCOMPLETE');
  const outcome = refusal ? 'REFUSED' : gap ? 'INCOMPLETE' : 'GRANTED';
  const reason = (refusal ?? gap)?.code;
  return {
    outcome,
    ...(reason !== undefined ? { reasonCode: reason } : {}),
    findings,
    category: filing.category,
    referenceDate,
    thresholdTableVersion: table.version,
    ...(amount !== undefined ? { criterion: amount } : {}),
    ...(outcome === 'GRANTED' && wage !== undefined ? { wageEvidenceId: wage.evidenceId } : {}),
  };
}

function wageFindings(amount: SalaryCriterionAmount, wage: WageFact | undefined): KnowledgeMigrantFinding[] {
  if (wage === undefined) return [{ code: 'WAGE_EVIDENCE_MISSING', detail: 'no wage fact from UWV yet' }];
  // A fact about another amount, day or table answers another question: ask again, never reinterpret it.
  if (
    wage.criterion !== amount.criterion ||
    wage.thresholdReferenceDate !== amount.referenceDate ||
    wage.thresholdTableVersion !== amount.tableVersion
  ) {
    return [
      {
        code: 'WAGE_FACT_FOR_OTHER_CRITERION',
        detail: `UWV answered ${String(wage.criterion)} on ${wage.thresholdReferenceDate} (${wage.thresholdTableVersion}); the case needs ${amount.criterion} on ${amount.referenceDate} (${amount.tableVersion})`,
      },
    ];
  }
  if (!wage.meetsThreshold) {
    return [
      {
        code: 'SALARY_BELOW_CRITERION',
        criterionAmountEur: amount.amountEur,
        detail: `the guaranteed gross monthly salary does not meet ${amount.criterion} (€${amount.amountEur}, ${amount.tableVersion}, ${amount.referenceDate})`,
      },
    ];
  }
  return [];
}

/** Blue Card: a contract of the regime's minimum length, and a degree or the experience route (§1.3). */
function blueCardConditions(
  table: SalaryThresholdReference,
  filing: KnowledgeMigrantFiling,
  referenceDate: IsoDate,
): KnowledgeMigrantFinding[] {
  const entry = blueCardEntryOn(table, referenceDate);
  if (entry === undefined) return [];
  const findings: KnowledgeMigrantFinding[] = [];
  if (filing.contractMonths === undefined || filing.contractMonths < entry.minimumContractMonths) {
    findings.push({
      code: 'CONTRACT_TOO_SHORT',
      detail: `the ${entry.regime} regime needs a contract of at least ${entry.minimumContractMonths} months`,
    });
  }
  const degree = filing.degreeObtainedOn !== undefined && filing.degreeObtainedOn <= referenceDate;
  const { experienceYears, ictExperience } = entry.qualification;
  const experience = experienceYears !== null && (filing.relevantExperienceYears ?? 0) >= experienceYears;
  const ict =
    ictExperience !== null && filing.ictProfession === true && (filing.ictExperienceYearsWithinWindow ?? 0) >= ictExperience.years;
  if (!degree && !experience && !ict) {
    findings.push({
      code: 'QUALIFICATION_NOT_MET',
      detail:
        experienceYears === null
          ? `the ${entry.regime} regime needs a higher-education degree`
          : `needs a higher-education degree, ${experienceYears} years of relevant experience, or for ICT ${ictExperience?.years ?? '-'} years within the last ${ictExperience?.withinYears ?? '-'}`,
    });
  }
  return findings;
}
