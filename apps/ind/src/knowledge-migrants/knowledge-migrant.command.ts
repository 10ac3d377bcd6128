import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { SalaryReferenceSituation } from '@welkom/contracts/generated/welkom/ind/v1/knowledge_migrant';
import type { IsoDate } from '@welkom/platform';
import type { ReferenceDateSituation } from '@welkom/reference-data';
import { fieldRule, invalid, isoDate, oneOf, optionalMessage } from '@welkom/validation';
import type { z } from 'zod';
import type { KnowledgeMigrantCategory } from './knowledge-migrant.policy';

export const KNOWLEDGE_MIGRANT_CATEGORIES: readonly PermitCategory[] = [
  PermitCategory.PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT,
  PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD,
];

/**
 * Categories where recognition is optional (DOMAIN.md §1.1, §2.3: the EU Blue Card; it only shortens the decision
 * period): an unrecognised sponsor's application is still assessed, so its evidence is asked for.
 */
export function recognitionIsOptional(category: PermitCategory): boolean {
  return category === PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD;
}

export function isKnowledgeMigrantCategory(category: PermitCategory): category is KnowledgeMigrantCategory {
  return KNOWLEDGE_MIGRANT_CATEGORIES.includes(category);
}

/** The filed details as the IND keeps them with the case (never a salary). */
export interface KnowledgeMigrantDetails {
  readonly situation: ReferenceDateSituation;
  readonly newContractStartsOn?: IsoDate;
  readonly birthDate: IsoDate;
  readonly degreeObtainedOn?: IsoDate;
  readonly afterOrientationYear: boolean;
  readonly firstHsmPermitAndEmployerChangesBefore30: boolean;
  readonly researcher: boolean;
  readonly contractMonths: number;
  readonly relevantExperienceYears: number;
  readonly ictProfession: boolean;
  readonly ictExperienceYearsWithinWindow: number;
}

const SITUATIONS = {
  [SalaryReferenceSituation.SALARY_REFERENCE_SITUATION_FIRST_APPLICATION]: 'FIRST_APPLICATION',
  [SalaryReferenceSituation.SALARY_REFERENCE_SITUATION_EXTENSION]: 'EXTENSION',
  [SalaryReferenceSituation.SALARY_REFERENCE_SITUATION_CHANGE_OF_EMPLOYER]: 'CHANGE_OF_EMPLOYER',
} as const;

const wholeNumber = (max: number) =>
  fieldRule((value) => {
    const n = value ?? 0;
    return typeof n === 'number' && Number.isInteger(n) && n >= 0 && n <= max ? n : invalid(`must be a whole number from 0 to ${max}`);
  });
const flag = fieldRule((value) =>
  value === undefined || value === null ? false : typeof value === 'boolean' ? value : invalid('must be true or false'),
);

/** The request's knowledge_migrant member; cross-field rules are in `knowledgeMigrantProblems`. */
export const knowledgeMigrantSchema = optionalMessage({
  situation: oneOf(
    Object.keys(SITUATIONS) as (keyof typeof SITUATIONS)[],
    'must be SALARY_REFERENCE_SITUATION_FIRST_APPLICATION, _EXTENSION or _CHANGE_OF_EMPLOYER',
  ),
  newContractStartsOn: isoDate({ required: false }),
  birthDate: isoDate(),
  degreeObtainedOn: isoDate({ required: false }),
  afterOrientationYear: flag,
  firstHsmPermitAndEmployerChangesBefore30: flag,
  researcher: flag,
  contractMonths: wholeNumber(1200),
  relevantExperienceYears: wholeNumber(80),
  ictProfession: flag,
  ictExperienceYearsWithinWindow: wholeNumber(80),
});

export type KnowledgeMigrantInput = z.output<typeof knowledgeMigrantSchema>;

/** Required for the knowledge-migrant categories and meaningless for the others; a change of employer names its start. */
export function knowledgeMigrantProblems(
  category: PermitCategory | undefined,
  details: KnowledgeMigrantInput | undefined,
  report: (path: string[], description: string) => void,
): void {
  if (category === undefined) return;
  if (!isKnowledgeMigrantCategory(category)) {
    if (details !== undefined)
      report(['knowledgeMigrant'], 'only for PERMIT_CATEGORY_HIGHLY_SKILLED_MIGRANT or PERMIT_CATEGORY_EU_BLUE_CARD');
    return;
  }
  if (details === undefined) {
    report(['knowledgeMigrant'], 'is required for a highly-skilled-migrant or EU Blue Card application');
    return;
  }
  if (details.situation === SalaryReferenceSituation.SALARY_REFERENCE_SITUATION_CHANGE_OF_EMPLOYER && !details.newContractStartsOn) {
    report(['knowledgeMigrant', 'newContractStartsOn'], 'is required for a change of employer (its start selects the criterion)');
  }
  if (category === PermitCategory.PERMIT_CATEGORY_EU_BLUE_CARD && details.contractMonths === 0) {
    report(['knowledgeMigrant', 'contractMonths'], 'is required for an EU Blue Card application');
  }
}

export function toKnowledgeMigrantDetails(input: KnowledgeMigrantInput | undefined): KnowledgeMigrantDetails | null {
  if (input === undefined) return null;
  return {
    situation: SITUATIONS[input.situation],
    ...(input.newContractStartsOn ? { newContractStartsOn: input.newContractStartsOn } : {}),
    birthDate: input.birthDate,
    ...(input.degreeObtainedOn ? { degreeObtainedOn: input.degreeObtainedOn } : {}),
    afterOrientationYear: input.afterOrientationYear,
    firstHsmPermitAndEmployerChangesBefore30: input.firstHsmPermitAndEmployerChangesBefore30,
    researcher: input.researcher,
    contractMonths: input.contractMonths,
    relevantExperienceYears: input.relevantExperienceYears,
    ictProfession: input.ictProfession,
    ictExperienceYearsWithinWindow: input.ictExperienceYearsWithinWindow,
  };
}
