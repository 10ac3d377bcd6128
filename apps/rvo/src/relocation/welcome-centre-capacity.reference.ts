import { z } from 'zod';
import { DatedEntries, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import capacityJson from '../../reference/welcome-centre-capacity.v1.json';

export const WELCOME_CENTRE_CAPACITY_FILE = 'welcome-centre-capacity.v1.json';

const capacitySchema = z.object({
  centreCode: z.string().min(1),
  // Referrals the centre takes in per calendar month.
  monthlyReferrals: z.number().int().min(0),
  ...validityFields,
  source: sourceSchema,
});

const capacityFileSchema = referenceFileSchema({ centres: z.array(capacitySchema) });

export type WelcomeCentreCapacity = z.infer<typeof capacitySchema>;

/** Each welcome centre's monthly intake of referrals, by the first day of the month counted. */
export class WelcomeCentreCapacities {
  constructor(
    readonly version: string,
    private readonly entries: DatedEntries<WelcomeCentreCapacity>,
  ) {}

  /** Undefined when no capacity is agreed with the centre on that day. */
  monthlyReferrals(centreCode: string, on: string): number | undefined {
    return this.entries.on(on, centreCode)?.monthlyReferrals;
  }
}

export function parseWelcomeCentreCapacities(json: unknown): WelcomeCentreCapacities {
  const file = parseReferenceFile(capacityFileSchema, json, WELCOME_CENTRE_CAPACITY_FILE);
  return new WelcomeCentreCapacities(
    file.version,
    new DatedEntries(WELCOME_CENTRE_CAPACITY_FILE, 'centres', file.centres, (entry) => entry.centreCode),
  );
}

export function bundledWelcomeCentreCapacities(): WelcomeCentreCapacities {
  return parseWelcomeCentreCapacities(capacityJson);
}

export const WELCOME_CENTRE_CAPACITIES = Symbol('WELCOME_CENTRE_CAPACITIES');
export const WELCOME_CENTRES = Symbol('WELCOME_CENTRES');
