import { z } from 'zod';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { DatedEntries, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import familyMembersJson from '../../reference/family-members.v1.json';

export const FAMILY_MEMBERS_FILE = 'family-members.v1.json';

export const FAMILY_RELATIONS = ['PARTNER', 'MINOR_CHILD'] as const;
export type FamilyRelation = (typeof FAMILY_RELATIONS)[number];

export const FAMILY_REASON_CODES = [
  'MAIN_CATEGORY_WITHOUT_FAMILY',
  'NOT_APPLYING_TOGETHER',
  'CHILD_NOT_MINOR',
  'MAIN_APPLICATION_REFUSED',
] as const;
export type FamilyReasonCode = (typeof FAMILY_REASON_CODES)[number];

/** Who sponsors the family: the main applicant in person (a researcher), or the sponsor of the main application (the HSM's employer). */
export type FamilySponsor = 'MAIN_APPLICANT' | 'MAIN_APPLICATION_SPONSOR';

const versionSchema = z.object({
  ...validityFields,
  mainCategories: z
    .array(
      z.object({
        category: z.enum(PermitCategory),
        familySponsor: z.enum(['MAIN_APPLICANT', 'MAIN_APPLICATION_SPONSOR']),
        source: sourceSchema,
      }),
    )
    .min(1),
  relations: z.object({
    PARTNER: z.object({ labourMarket: z.enum(['FREE', 'TWV_REQUIRED']), source: sourceSchema }),
    MINOR_CHILD: z.object({
      labourMarket: z.enum(['FREE', 'TWV_REQUIRED']),
      maxAgeOnReceipt: z.number().int().min(0),
      source: sourceSchema,
    }),
  }),
  source: sourceSchema,
});

const familyMembersSchema = referenceFileSchema({
  versions: z.array(versionSchema).min(1),
  reasonCodes: z.record(z.enum(FAMILY_REASON_CODES), z.string().min(10)),
});

export type FamilyMembersVersion = z.infer<typeof versionSchema>;

function familyProblems(file: z.infer<typeof familyMembersSchema>): string[] {
  return file.versions.flatMap((version, index) => {
    const seen = new Set<string>();
    return version.mainCategories.flatMap((entry) => {
      const duplicate = seen.has(entry.category);
      seen.add(entry.category);
      return duplicate ? [`versions[${index}] (${version.validFrom}) .mainCategories: ${entry.category} is listed twice`] : [];
    });
  });
}

export class FamilyMembersRules {
  constructor(
    readonly version: string,
    private readonly versions: DatedEntries<FamilyMembersVersion>,
  ) {}

  on(date: string): FamilyMembersVersion | undefined {
    return this.versions.on(date);
  }
}

export function parseFamilyMembersRules(json: unknown): FamilyMembersRules {
  const file = parseReferenceFile(familyMembersSchema, json, FAMILY_MEMBERS_FILE, familyProblems);
  return new FamilyMembersRules(file.version, new DatedEntries(FAMILY_MEMBERS_FILE, 'versions', file.versions));
}

export function bundledFamilyMembersRules(): FamilyMembersRules {
  return parseFamilyMembersRules(familyMembersJson);
}
