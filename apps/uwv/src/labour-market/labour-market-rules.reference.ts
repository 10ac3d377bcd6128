import { z } from 'zod';
import { DatedEntries, parseReferenceFile, referenceFileSchema, validityFields } from '@welkom/reference-data';
import labourMarketJson from '../../reference/labour-market-rules.v1.json';

export const LABOUR_MARKET_RULES_FILE = 'labour-market-rules.v1.json';

/** The situations that can make a TWV unnecessary. Add codes, never rename. */
export const WORK_SITUATIONS = [
  'HIGHLY_SKILLED_MIGRANT',
  'EU_BLUE_CARD',
  'RESEARCHER_2016_801',
  'ORIENTATION_YEAR',
  'PARTNER_OF_HSM_OR_RESEARCHER',
  'ESSENTIAL_START_UP_PERSONNEL',
  'STUDENT_SIDE_JOB',
  'REGULAR_LABOUR',
] as const;
export type WorkSituation = (typeof WORK_SITUATIONS)[number];

const entrySchema = z.object({
  ...validityFields,
  exemptions: z.array(z.object({ situation: z.enum(WORK_SITUATIONS), source: z.string().min(10) })),
  studentSideJob: z.object({
    maxHoursPerWeek: z.number().int().positive(),
    fullTimeMonths: z.array(z.number().int().min(1).max(12)),
    source: z.string().min(10),
  }),
  /** The vacancy report (vacaturemelding) the labour-market test rests on: how long before the application. */
  vacancyReport: z.object({ weeksBeforeApplication: z.number().int().positive(), source: z.string().min(10) }),
  statutoryTermWeeks: z.number().int().positive(),
  atRiskDaysBeforeEnd: z.number().int().min(0),
  termSource: z.string().min(10),
});

export type LabourMarketRuleEntry = z.infer<typeof entrySchema>;

const fileSchema = referenceFileSchema({ rules: z.array(entrySchema).min(1) });

/** The labour-market rules in force on a day. */
export class LabourMarketRules {
  constructor(
    readonly version: string,
    private readonly entries: DatedEntries<LabourMarketRuleEntry>,
  ) {}

  on(date: string): LabourMarketRuleEntry | undefined {
    return this.entries.on(date);
  }
}

export function parseLabourMarketRules(json: unknown): LabourMarketRules {
  const file = parseReferenceFile(fileSchema, json, LABOUR_MARKET_RULES_FILE);
  return new LabourMarketRules(file.version, new DatedEntries(LABOUR_MARKET_RULES_FILE, 'rules', file.rules));
}

export const LABOUR_MARKET_RULES = Symbol('LABOUR_MARKET_RULES');

export function bundledLabourMarketRules(): LabourMarketRules {
  return parseLabourMarketRules(labourMarketJson);
}
