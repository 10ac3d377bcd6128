import { z } from 'zod';
import { DatedEntries, isoDateSchema, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import essentialPersonnelJson from '../../reference/essential-start-up-personnel.v1.json';

export const ESSENTIAL_PERSONNEL_FILE = 'essential-start-up-personnel.v1.json';

/** Stable codes on an essential-personnel advice. Add codes, never rename. */
export const ESSENTIAL_PERSONNEL_REASON_CODES = [
  'PILOT_NOT_IN_FORCE',
  'START_UP_NOT_INNOVATIVE',
  'TOO_MANY_EMPLOYEES',
  'PERMIT_CAP_REACHED',
  'PARTICIPATION_TOO_LOW',
  'PARTICIPATION_TOO_LATE',
  'WAGE_BELOW_REDUCED_CRITERION',
  'WAGE_EVIDENCE_PENDING',
] as const;
export type EssentialPersonnelReasonCode = (typeof ESSENTIAL_PERSONNEL_REASON_CODES)[number];

const pilotSchema = z.object({
  // The days applications are accepted, inclusive.
  ...validityFields,
  residenceSchemeUntil: isoDateSchema,
  maxEmployees: z.number().int().min(1),
  maxPermitsPerStartUp: z.number().int().min(1),
  minParticipationPercent: z.number().min(0).max(100),
  participationWithinMonths: z.number().int().min(0),
  // The wage evidence UWV issues for this criterion (welkom.evidence.v1.WageThresholdCategory).
  salaryCriterion: z.literal('WAGE_THRESHOLD_CATEGORY_HIGHLY_SKILLED_REDUCED'),
  source: sourceSchema,
});

const essentialPersonnelSchema = referenceFileSchema({
  pilots: z.array(pilotSchema),
  reasonCodes: z.record(z.enum(ESSENTIAL_PERSONNEL_REASON_CODES), z.string().min(10)),
});

export type EssentialPersonnelPilot = z.infer<typeof pilotSchema>;

/** The pilot periods, looked up by the day the application was received. */
export class EssentialPersonnelRules {
  constructor(
    readonly version: string,
    private readonly pilots: DatedEntries<EssentialPersonnelPilot>,
  ) {}

  pilotAcceptingOn(receivedOn: string): EssentialPersonnelPilot | undefined {
    return this.pilots.on(receivedOn);
  }
}

function pilotProblems(file: z.infer<typeof essentialPersonnelSchema>): string[] {
  return file.pilots.flatMap((pilot, index) =>
    pilot.validTo !== null && pilot.residenceSchemeUntil < pilot.validTo
      ? [`pilots[${index}] (${pilot.validFrom}) .residenceSchemeUntil: ends before the last application day`]
      : [],
  );
}

export function parseEssentialPersonnelRules(json: unknown): EssentialPersonnelRules {
  const file = parseReferenceFile(essentialPersonnelSchema, json, ESSENTIAL_PERSONNEL_FILE, pilotProblems);
  return new EssentialPersonnelRules(file.version, new DatedEntries(ESSENTIAL_PERSONNEL_FILE, 'pilots', file.pilots));
}

export function bundledEssentialPersonnelRules(): EssentialPersonnelRules {
  return parseEssentialPersonnelRules(essentialPersonnelJson);
}

/** Injection token of the pilot rules the service runs on. */
export const ESSENTIAL_PERSONNEL_RULES = Symbol('ESSENTIAL_PERSONNEL_RULES');
