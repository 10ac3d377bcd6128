import { z } from 'zod';
import { DatedEntries, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import startUpRulesJson from '../../reference/start-up-rules.v1.json';

export const START_UP_RULES_FILE = 'start-up-rules.v1.json';

/** The three tests of innovativeness RVO applies for the start-up permit and for essential start-up personnel. */
export const INNOVATION_TESTS = ['NEW_TO_THE_NETHERLANDS', 'NEW_TECHNOLOGY', 'NEW_ORGANISATIONAL_APPROACH'] as const;
export type InnovationTest = (typeof INNOVATION_TESTS)[number];

export const FACILITATOR_REASON_CODES = [
  'FACILITATOR_NOT_IN_KVK',
  'FACILITATOR_WITHOUT_START_UP_EXPERIENCE',
  'FACILITATOR_BANKRUPT',
  'FACILITATOR_NEGATIVE_EQUITY',
  'FACILITATOR_MAJORITY_INTEREST',
  'FACILITATOR_FAMILY_OF_FOUNDER',
] as const;
export type FacilitatorReasonCode = (typeof FACILITATOR_REASON_CODES)[number];

/** Stable codes on a start-up advice: the advice carries them to the IND through the hub. Add codes, never rename. */
export const START_UP_REASON_CODES = [
  ...FACILITATOR_REASON_CODES,
  'PRODUCT_NOT_INNOVATIVE',
  'STEP_PLAN_MISSING',
  'FOUNDER_NOT_IN_KVK',
] as const;
export type StartUpReasonCode = (typeof START_UP_REASON_CODES)[number];

const versionSchema = z.object({
  ...validityFields,
  facilitator: z.object({
    kvkRegistrationRequired: z.boolean(),
    startUpGuidanceExperienceRequired: z.boolean(),
    bankruptcyRefused: z.boolean(),
    negativeEquityRefused: z.boolean(),
    majorityInterestAbovePercent: z.number().min(0).max(100),
    familyExcludedUpToDegree: z.number().int().min(0),
    source: sourceSchema,
  }),
  innovation: z.object({
    // Exactly the three tests: a test the code does not know could not be applied.
    tests: z.array(z.enum(INNOVATION_TESTS)).length(INNOVATION_TESTS.length),
    minimumTestsMet: z.number().int().min(1).max(INNOVATION_TESTS.length),
    source: sourceSchema,
  }),
  startUp: z.object({
    stepPlanRequired: z.boolean(),
    founderKvkRegistrationRequired: z.boolean(),
    permitMonths: z.number().int().min(1),
    source: sourceSchema,
  }),
});

const startUpRulesSchema = referenceFileSchema({
  versions: z.array(versionSchema).min(1),
  // Exhaustive in zod 4: every code the policy can give is documented, and nothing else.
  reasonCodes: z.record(z.enum(START_UP_REASON_CODES), z.string().min(10)),
});

export type StartUpRuleVersion = z.infer<typeof versionSchema>;
export type FacilitatorRules = StartUpRuleVersion['facilitator'];
export type InnovationRules = StartUpRuleVersion['innovation'];

/** The start-up rules, looked up by the day RVO assesses. */
export class StartUpRules {
  constructor(
    readonly version: string,
    private readonly versions: DatedEntries<StartUpRuleVersion>,
  ) {}

  /** The rules in force on `date`, or undefined before the scheme started. */
  on(date: string): StartUpRuleVersion | undefined {
    return this.versions.on(date);
  }
}

export function parseStartUpRules(json: unknown): StartUpRules {
  const file = parseReferenceFile(startUpRulesSchema, json, START_UP_RULES_FILE);
  return new StartUpRules(file.version, new DatedEntries(START_UP_RULES_FILE, 'versions', file.versions));
}

export function bundledStartUpRules(): StartUpRules {
  return parseStartUpRules(startUpRulesJson);
}

/** Injection token of the start-up rules the service runs on (the bundled file unless a test gives others). */
export const START_UP_RULES = Symbol('START_UP_RULES');
