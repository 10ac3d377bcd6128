import { z } from 'zod';
import { DatedEntries, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import type { IsoDate } from '@welkom/platform';
import startUpJson from '../../reference/start-up.v1.json';

export const START_UP_FILE = 'start-up.v1.json';

export const START_UP_REASON_CODES = [
  'START_UP_ADVICE_MISSING',
  'START_UP_ADVICE_NEGATIVE',
  'FACILITATOR_NOT_NAMED',
  'EVIDENCE_FIELD_NOT_DISCLOSED',
] as const;
export type StartUpReasonCode = (typeof START_UP_REASON_CODES)[number];

const versionSchema = z.object({
  ...validityFields,
  permitMonths: z.number().int().min(1),
  requiresPositiveAdvice: z.literal(true),
  requiresNamedFacilitator: z.boolean(),
  labourMarket: z.literal('OWN_START_UP'),
  source: sourceSchema,
});

const startUpSchema = referenceFileSchema({
  versions: z.array(versionSchema).min(1),
  reasonCodes: z.record(z.enum(START_UP_REASON_CODES), z.string().min(10)),
});

export type StartUpVersion = z.infer<typeof versionSchema>;

/** The IND's start-up permit rules (DOMAIN.md §1.7), looked up by the day of receipt. */
export class StartUpRules {
  constructor(
    readonly version: string,
    private readonly versions: DatedEntries<StartUpVersion>,
  ) {}

  on(date: IsoDate): StartUpVersion | undefined {
    return this.versions.on(date);
  }
}

export function parseStartUpRules(json: unknown): StartUpRules {
  const file = parseReferenceFile(startUpSchema, json, START_UP_FILE);
  return new StartUpRules(file.version, new DatedEntries(START_UP_FILE, 'versions', file.versions));
}

export function bundledStartUpRules(): StartUpRules {
  return parseStartUpRules(startUpJson);
}
