import { z } from 'zod';
import { addCalendarMonths, completedYearsBetween, type IsoDate } from '@welkom/platform/calendar-date';
import { isValidOn, validityProblems } from '../dated-entries';
import { parseReferenceFile, readReferenceFile } from '../reference-file.loader';
import { isoDateSchema, referenceFileSchema, sourceSchema, validityFields } from '../reference-file.schema';
import bundledSalaryThresholds from '../../tables/salary-thresholds.v1.json';

/**
 * The income criteria for highly skilled migrants and the EU Blue Card (DOMAIN.md §1.2, §1.3), shared: the IND
 * decides with them and UWV answers "meets criterion X of table version V on date D" with them, so both read
 * this one table, by the reference date of §1.2.1.
 */
export const SALARY_THRESHOLDS_FILE = 'salary-thresholds.v1.json';

/** Which amount of the table a case is measured against. */
export const SALARY_CRITERIA = [
  'HSM_30_AND_OVER',
  'HSM_UNDER_30',
  'HSM_REDUCED',
  'BLUE_CARD_STANDARD',
  'BLUE_CARD_RECENT_GRADUATE',
] as const;
export type SalaryCriterion = (typeof SALARY_CRITERIA)[number];

/** The situations of §1.2.1, each with the day that selects the amount. */
export const REFERENCE_DATE_SITUATIONS = ['FIRST_APPLICATION', 'EXTENSION', 'CHANGE_OF_EMPLOYER'] as const;
export type ReferenceDateSituation = (typeof REFERENCE_DATE_SITUATIONS)[number];

const euros = z.number().int().positive();

const hsmEntrySchema = z.object({
  ...validityFields,
  aged30AndOver: euros,
  under30: euros,
  reduced: euros,
  confirmed: z.boolean(),
  source: sourceSchema,
});

const blueCardEntrySchema = z.object({
  ...validityFields,
  regime: z.enum(['DIRECTIVE_2009_50', 'DIRECTIVE_2021_1883']),
  standard: euros,
  recentGraduate: euros.nullable(),
  minimumContractMonths: z.number().int().positive(),
  qualification: z.object({
    degree: z.literal(true),
    // null: no experience route under this regime (not in the sources, so closed).
    experienceYears: z.number().int().positive().nullable(),
    ictExperience: z.object({ years: z.number().int().positive(), withinYears: z.number().int().positive() }).nullable(),
  }),
  confirmed: z.boolean(),
  source: sourceSchema,
});

const salaryThresholdsSchema = referenceFileSchema({
  currency: z.literal('EUR'),
  basis: z.literal('GROSS_MONTHLY_EXCLUDING_HOLIDAY_ALLOWANCE'),
  basisSource: sourceSchema,
  // Enum-keyed records are exhaustive in zod 4: every situation of §1.2.1 has its rule.
  referenceDates: z.record(
    z.enum(REFERENCE_DATE_SITUATIONS),
    z.object({ date: z.enum(['SUBMISSION_DATE', 'NEW_CONTRACT_START_DATE']), source: sourceSchema }),
  ),
  highlySkilledMigrant: z.object({
    underThirty: z.object({ ageBelow: z.number().int().positive(), keptAfterThirty: z.boolean(), source: sourceSchema }),
    reduced: z.object({ withinYearsOfGraduation: z.number().int().positive(), afterOrientationYear: z.boolean(), source: sourceSchema }),
    researcherExemption: z.object({ criterion: z.literal('STATUTORY_MINIMUM_WAGE'), confirmed: z.boolean(), source: sourceSchema }),
    entries: z.array(hsmEntrySchema).min(1),
  }),
  euBlueCard: z.object({
    recentGraduate: z.object({ withinYearsOfDegree: z.number().int().positive(), source: sourceSchema }),
    entries: z.array(blueCardEntrySchema).min(1),
  }),
});

export type SalaryThresholdReference = z.infer<typeof salaryThresholdsSchema>;
export type HsmThresholdEntry = z.infer<typeof hsmEntrySchema>;
export type BlueCardThresholdEntry = z.infer<typeof blueCardEntrySchema>;

function salaryThresholdProblems(reference: SalaryThresholdReference): string[] {
  const problems = [
    ...validityProblems('highlySkilledMigrant.entries', reference.highlySkilledMigrant.entries),
    ...validityProblems('euBlueCard.entries', reference.euBlueCard.entries),
  ];
  reference.highlySkilledMigrant.entries.forEach((entry, index) => {
    // The order of the amounts is the scheme: reduced < under 30 < 30 and over. A swapped column is a typo.
    if (!(entry.reduced < entry.under30 && entry.under30 < entry.aged30AndOver)) {
      problems.push(`highlySkilledMigrant.entries[${index}] (${entry.validFrom}): expected reduced < under30 < aged30AndOver`);
    }
  });
  reference.euBlueCard.entries.forEach((entry, index) => {
    if (entry.recentGraduate !== null && entry.recentGraduate >= entry.standard) {
      problems.push(`euBlueCard.entries[${index}] (${entry.validFrom}): expected recentGraduate < standard`);
    }
  });
  return problems;
}

export function parseSalaryThresholdReference(json: unknown): SalaryThresholdReference {
  return parseReferenceFile(salaryThresholdsSchema, json, SALARY_THRESHOLDS_FILE, salaryThresholdProblems);
}

export function readSalaryThresholdReference(filePath: string): SalaryThresholdReference {
  return readReferenceFile(salaryThresholdsSchema, filePath, salaryThresholdProblems);
}

/** The table shipped in `libs/reference-data/tables`. */
export function bundledSalaryThresholdReference(): SalaryThresholdReference {
  return parseSalaryThresholdReference(bundledSalaryThresholds);
}

/** The day that selects the amount (§1.2.1): submission, or the new contract's start for a change of employer. */
export function salaryReferenceDate(
  reference: SalaryThresholdReference,
  situation: ReferenceDateSituation,
  days: { readonly submittedOn: IsoDate; readonly newContractStartsOn?: IsoDate },
): IsoDate {
  const rule = reference.referenceDates[situation];
  if (rule.date === 'SUBMISSION_DATE') return days.submittedOn;
  if (days.newContractStartsOn === undefined) throw new RangeError(`${situation}: the reference date is the new contract's start date`);
  return days.newContractStartsOn;
}

/** One amount as a decision or a derived fact records it. */
export interface SalaryCriterionAmount {
  readonly criterion: SalaryCriterion;
  readonly amountEur: number;
  readonly referenceDate: IsoDate;
  readonly tableVersion: string;
  /** The entry the amount comes from. */
  readonly validFrom: IsoDate;
  readonly validTo: IsoDate | null;
  /** False where DOMAIN.md could not confirm the amount: not to be decided on automatically. */
  readonly confirmed: boolean;
}

/**
 * The amount of `criterion` on `referenceDate`, or undefined when no entry covers the day (before 2023, or a
 * criterion that did not exist then: no recent-graduate Blue Card amount before 2024-06-12).
 */
export function salaryCriterionAmount(
  reference: SalaryThresholdReference,
  criterion: SalaryCriterion,
  referenceDate: IsoDate,
): SalaryCriterionAmount | undefined {
  isoDateSchema.parse(referenceDate);
  const common = { criterion, referenceDate, tableVersion: reference.version };
  if (criterion === 'BLUE_CARD_STANDARD' || criterion === 'BLUE_CARD_RECENT_GRADUATE') {
    const entry = blueCardEntryOn(reference, referenceDate);
    const amount = entry === undefined ? null : criterion === 'BLUE_CARD_STANDARD' ? entry.standard : entry.recentGraduate;
    if (entry === undefined || amount === null) return undefined;
    return { ...common, amountEur: amount, validFrom: entry.validFrom, validTo: entry.validTo, confirmed: entry.confirmed };
  }
  const entry = reference.highlySkilledMigrant.entries.find((e) => isValidOn(e, referenceDate));
  if (entry === undefined) return undefined;
  const amount = criterion === 'HSM_30_AND_OVER' ? entry.aged30AndOver : criterion === 'HSM_UNDER_30' ? entry.under30 : entry.reduced;
  return { ...common, amountEur: amount, validFrom: entry.validFrom, validTo: entry.validTo, confirmed: entry.confirmed };
}

export function blueCardEntryOn(reference: SalaryThresholdReference, referenceDate: IsoDate): BlueCardThresholdEntry | undefined {
  return reference.euBlueCard.entries.find((e) => isValidOn(e, referenceDate));
}

/** What decides which HSM amount a person is measured against (§1.2). */
export interface HsmCriterionFacts {
  readonly referenceDate: IsoDate;
  readonly birthDate: IsoDate;
  /** Graduation that can give the reduced criterion (NL degree, or master/PhD at a designated top-200 university). */
  readonly qualifyingGraduationOn?: IsoDate;
  /** Starts as HSM right after an orientation year (zoekjaar hoogopgeleiden). */
  readonly afterOrientationYear?: boolean;
  /** Extension after 30: the first HSM permit and every change of employer came before 30. */
  readonly firstHsmPermitAndEmployerChangesBefore30?: boolean;
}

/**
 * The lowest HSM amount the person qualifies for: the reduced criterion (within the years after graduating,
 * or after an orientation year), else the under-30 amount (younger than 30 on the reference date, or kept
 * after 30), else the 30-and-over amount.
 */
export function hsmCriterionFor(reference: SalaryThresholdReference, facts: HsmCriterionFacts): SalaryCriterion {
  const rules = reference.highlySkilledMigrant;
  const graduationWindowEnds =
    facts.qualifyingGraduationOn === undefined
      ? undefined
      : addCalendarMonths(facts.qualifyingGraduationOn, 12 * rules.reduced.withinYearsOfGraduation);
  const reduced =
    (graduationWindowEnds !== undefined &&
      facts.qualifyingGraduationOn! <= facts.referenceDate &&
      facts.referenceDate <= graduationWindowEnds) ||
    (rules.reduced.afterOrientationYear && facts.afterOrientationYear === true);
  if (reduced) return 'HSM_REDUCED';
  const age = completedYearsBetween(facts.birthDate, facts.referenceDate);
  if (age === undefined) throw new RangeError('birthDate and referenceDate must be ISO dates');
  const keptUnder30 = rules.underThirty.keptAfterThirty && facts.firstHsmPermitAndEmployerChangesBefore30 === true;
  return age < rules.underThirty.ageBelow || keptUnder30 ? 'HSM_UNDER_30' : 'HSM_30_AND_OVER';
}

/**
 * The Blue Card amount: the recent-graduate amount when the regime on the reference date has one and the
 * degree was obtained within the years before the application, else the standard amount.
 */
export function blueCardCriterionFor(
  reference: SalaryThresholdReference,
  facts: { readonly referenceDate: IsoDate; readonly degreeObtainedOn?: IsoDate },
): SalaryCriterion {
  const entry = blueCardEntryOn(reference, facts.referenceDate);
  if (entry?.recentGraduate === null || entry === undefined || facts.degreeObtainedOn === undefined) return 'BLUE_CARD_STANDARD';
  const windowEnds = addCalendarMonths(facts.degreeObtainedOn, 12 * reference.euBlueCard.recentGraduate.withinYearsOfDegree);
  return windowEnds !== undefined && facts.degreeObtainedOn <= facts.referenceDate && facts.referenceDate <= windowEnds
    ? 'BLUE_CARD_RECENT_GRADUATE'
    : 'BLUE_CARD_STANDARD';
}
