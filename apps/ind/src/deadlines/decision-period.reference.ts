import { z } from 'zod';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { isoDateSchema, parseReferenceData, ReferenceDataError, sourceSchema } from './reference-data.parser';
import { bundledPublicHolidayReference } from './public-holiday.reference';
import { WorkingDayCalendar } from './working-day.calendar';
import bundledDecisionPeriods from '../../reference/decision-periods.v1.json';

export const DECISION_PERIODS_FILE = 'decision-periods.v1.json';

const days = z.number().int().positive();
const categorySchema = z.enum(PermitCategory).refine((c) => c !== PermitCategory.PERMIT_CATEGORY_UNSPECIFIED, {
  message: 'a rule needs a real permit category',
});

const versionSchema = z.object({
  validFrom: isoDateSchema,
  validTo: isoDateSchema.nullable(),
  statutory: z.object({
    defaultDays: days,
    defaultSource: sourceSchema,
    rules: z.array(
      z.object({
        category: categorySchema,
        // Absent: the rule holds whether or not the sponsor is recognised.
        sponsorRecognised: z.boolean().optional(),
        days,
        source: sourceSchema,
      }),
    ),
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

const decisionPeriodsSchema = z.object({
  version: z.string().min(1),
  counting: z.object({ receiptDayIsDayOne: z.boolean(), source: sourceSchema }),
  versions: z.array(versionSchema).min(1),
});

export type DecisionPeriodReference = z.infer<typeof decisionPeriodsSchema>;
export type DecisionPeriodVersion = z.infer<typeof versionSchema>;

/**
 * Parses the decision periods and checks what the schema cannot: versions in order without overlap, and no
 * two statutory rules that would both match the same application (the answer would depend on file order).
 */
export function parseDecisionPeriodReference(json: unknown): DecisionPeriodReference {
  const reference = parseReferenceData(decisionPeriodsSchema, json, DECISION_PERIODS_FILE);
  const problems: string[] = [];
  reference.versions.forEach((version, index) => {
    const where = `versions.${index}`;
    if (version.validTo !== null && version.validTo < version.validFrom) problems.push(`${where}: validTo before validFrom`);
    const previous = reference.versions[index - 1];
    if (previous !== undefined && (previous.validTo === null || previous.validTo >= version.validFrom)) {
      problems.push(`${where}: overlaps the version before it (close that one with validTo first)`);
    }
    const seen = new Set<string>();
    for (const rule of version.statutory.rules) {
      const keys =
        rule.sponsorRecognised === undefined
          ? [`${rule.category}:true`, `${rule.category}:false`]
          : [`${rule.category}:${rule.sponsorRecognised}`];
      for (const key of keys) {
        if (seen.has(key)) problems.push(`${where}.statutory.rules: more than one rule for ${key.replace(':', ', sponsorRecognised ')}`);
        seen.add(key);
      }
    }
  });
  if (problems.length > 0) throw new ReferenceDataError(DECISION_PERIODS_FILE, problems);
  return reference;
}

export function bundledDecisionPeriodReference(): DecisionPeriodReference {
  return parseDecisionPeriodReference(bundledDecisionPeriods);
}

/** The periods and the holiday calendar shipped with the app, as `decisionDeadlines` needs them. */
export function bundledDeadlineReference(): { periods: DecisionPeriodReference; calendar: WorkingDayCalendar } {
  return { periods: bundledDecisionPeriodReference(), calendar: new WorkingDayCalendar(bundledPublicHolidayReference()) };
}
