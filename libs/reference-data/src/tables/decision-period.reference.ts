import { z } from 'zod';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { validityProblems } from '../dated-entries';
import { parseReferenceFile, readReferenceFile } from '../reference-file.loader';
import { referenceFileSchema, sourceSchema, validityFields } from '../reference-file.schema';
import bundledDecisionPeriods from '../../tables/decision-periods.v1.json';

/**
 * The IND's decision periods, shared: the IND counts its deadlines with them and the EU feed measures "decided
 * within the statutory period" with them, so both read this one table, by the day the application was received.
 */
export const DECISION_PERIODS_FILE = 'decision-periods.v1.json';

const days = z.number().int().positive();
const categorySchema = z.enum(PermitCategory).refine((c) => c !== PermitCategory.PERMIT_CATEGORY_UNSPECIFIED, {
  message: 'a rule needs a real permit category',
});

const statutoryRuleSchema = z.object({
  category: categorySchema,
  // Absent: the rule holds whether or not the sponsor is recognised.
  sponsorRecognised: z.boolean().optional(),
  days,
  source: sourceSchema,
});

const versionSchema = z.object({
  $comment: z.string().optional(),
  ...validityFields,
  statutory: z.object({
    defaultDays: days,
    defaultSource: sourceSchema,
    rules: z.array(statutoryRuleSchema),
    rollsToWorkingDay: z.boolean(),
    rollSource: sourceSchema,
  }),
  extension: z.object({
    maxCount: z.number().int().min(0),
    maxDays: days,
    confirmed: z.boolean(),
    source: sourceSchema,
  }),
  recognisedSponsorTarget: z.object({
    completeDays: days,
    incompleteDays: days,
    rollsToWorkingDay: z.boolean(),
    source: sourceSchema,
  }),
  euAmbition: z.object({
    days,
    categories: z.array(categorySchema),
    rollsToWorkingDay: z.boolean(),
    source: sourceSchema,
  }),
});

export const decisionPeriodsSchema = referenceFileSchema({
  counting: z.object({ receiptDayIsDayOne: z.boolean(), source: sourceSchema }),
  versions: z.array(versionSchema).min(1),
});

export type DecisionPeriodReference = z.infer<typeof decisionPeriodsSchema>;
export type DecisionPeriodVersion = z.infer<typeof versionSchema>;
export type StatutoryPeriodRule = z.infer<typeof statutoryRuleSchema>;

/**
 * What the schema cannot check: versions in order without overlap, and no two statutory rules that would both
 * match the same application (the answer would depend on file order).
 */
function decisionPeriodProblems(reference: DecisionPeriodReference): string[] {
  const problems = validityProblems('versions', reference.versions, () => '');
  reference.versions.forEach((version, index) => {
    const where = `versions[${index}] (${version.validFrom})`;
    const previous = reference.versions[index - 1];
    if (previous !== undefined && previous.validFrom >= version.validFrom) {
      problems.push(`${where} .validFrom: versions must be in date order`);
    }
    const seen = new Set<string>();
    version.statutory.rules.forEach((rule, ruleIndex) => {
      const keys =
        rule.sponsorRecognised === undefined
          ? [`${rule.category}:true`, `${rule.category}:false`]
          : [`${rule.category}:${rule.sponsorRecognised}`];
      for (const key of keys) {
        if (seen.has(key)) {
          const at = `${where} .statutory.rules[${ruleIndex}] (${rule.category})`;
          problems.push(`${at}: more than one rule for ${key.replace(':', ', sponsorRecognised ')}`);
        }
        seen.add(key);
      }
    });
  });
  return problems;
}

export function parseDecisionPeriodReference(json: unknown): DecisionPeriodReference {
  return parseReferenceFile(decisionPeriodsSchema, json, DECISION_PERIODS_FILE, decisionPeriodProblems);
}

/** A decision-period table from disk (another deployment's, or a copy under test). */
export function readDecisionPeriodReference(filePath: string): DecisionPeriodReference {
  return readReferenceFile(decisionPeriodsSchema, filePath, decisionPeriodProblems);
}

/** The table shipped in `libs/reference-data/tables`. */
export function bundledDecisionPeriodReference(): DecisionPeriodReference {
  return parseDecisionPeriodReference(bundledDecisionPeriods);
}

/** The version in force on `receivedOn` (YYYY-MM-DD), or undefined before the first version or in a gap. */
export function decisionPeriodVersionOn(reference: DecisionPeriodReference, receivedOn: string): DecisionPeriodVersion | undefined {
  return reference.versions.find((v) => v.validFrom <= receivedOn && (v.validTo === null || receivedOn <= v.validTo));
}

/**
 * The statutory period of one application in a version: the rule for its category and sponsor status, else the
 * category's rule that holds for any sponsor, else the default. `sponsorRecognised` undefined (not recorded)
 * matches only rules that hold for any sponsor.
 */
export function statutoryPeriodIn(
  version: DecisionPeriodVersion,
  category: PermitCategory,
  sponsorRecognised: boolean | undefined,
): { readonly days: number; readonly source: string } {
  const rules = version.statutory.rules.filter((r) => r.category === category);
  const rule =
    (sponsorRecognised === undefined ? undefined : rules.find((r) => r.sponsorRecognised === sponsorRecognised)) ??
    rules.find((r) => r.sponsorRecognised === undefined);
  return rule ?? { days: version.statutory.defaultDays, source: version.statutory.defaultSource };
}
