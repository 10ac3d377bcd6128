import { z } from 'zod';
import { DatedEntries } from '../dated-entries';
import { parseReferenceFile, readReferenceFile } from '../reference-file.loader';
import { referenceFileSchema, sourceSchema, validityFields } from '../reference-file.schema';
import bundledMvvExemptions from '../../tables/mvv-exemptions.v1.json';

/**
 * Who needs an MVV (DOMAIN.md §2.6), shared: the IND decides from it whether a grant goes to MVV_AUTHORISED or
 * straight on, the consular posts refuse an intake for someone who needs none.
 */
export const MVV_EXEMPTIONS_FILE = 'mvv-exemptions.v1.json';

const NATIONALITY_GROUNDS = ['EU_EEA', 'SWITZERLAND', 'LISTED_NATIONALITY'] as const;
export const MVV_EXEMPT_SITUATIONS = [
  'VALID_DUTCH_PERMIT',
  'FORMER_DUTCH_PERMIT_WITHIN_TWO_YEARS',
  'SCHENGEN_PERMIT_WITH_RECOGNISED_SPONSOR',
  'FAMILY_OF_EU_CITIZEN_IN_NL',
] as const;
/** What else must hold for a situation to exempt: the sponsor is recognised, the person lived in NL throughout. */
export const MVV_SITUATION_CONDITIONS = ['RECOGNISED_SPONSOR', 'RESIDED_IN_NL_THROUGHOUT'] as const;

export type MvvExemptSituation = (typeof MVV_EXEMPT_SITUATIONS)[number];
export type MvvSituationCondition = (typeof MVV_SITUATION_CONDITIONS)[number];

const nationalitySchema = z.object({
  country: z.string().regex(/^[A-Z]{2}$/, 'expected an ISO 3166-1 alpha-2 code'),
  ground: z.enum(NATIONALITY_GROUNDS),
  ...validityFields,
  source: sourceSchema,
});

const situationSchema = z.object({
  code: z.enum(MVV_EXEMPT_SITUATIONS),
  conditions: z.array(z.enum(MVV_SITUATION_CONDITIONS)),
  ...validityFields,
  source: sourceSchema,
});

export const mvvExemptionsSchema = referenceFileSchema({
  nationalities: z.array(nationalitySchema).min(1),
  situations: z.array(situationSchema),
});

export type MvvExemptionFile = z.infer<typeof mvvExemptionsSchema>;

/** What is known about the person on the reference date; the situations are the ones the applicant claims. */
export interface MvvApplicant {
  readonly nationality: string;
  readonly situations?: readonly MvvExemptSituation[];
  /** The facts the situations' conditions ask for. */
  readonly facts?: readonly MvvSituationCondition[];
}

/** Whether an MVV is needed on a date, on which ground, and under which table version. */
export type MvvRequirement =
  | { readonly required: false; readonly ground: { readonly kind: 'NATIONALITY'; readonly code: string }; readonly version: string }
  | {
      readonly required: false;
      readonly ground: { readonly kind: 'SITUATION'; readonly code: MvvExemptSituation };
      readonly version: string;
    }
  | { readonly required: true; readonly version: string };

/** The MVV-exemption table, looked up by reference date. */
export class MvvExemptionReference {
  readonly version: string;
  private readonly nationalities: DatedEntries<MvvExemptionFile['nationalities'][number]>;
  private readonly situations: DatedEntries<MvvExemptionFile['situations'][number]>;

  constructor(file: MvvExemptionFile, fileName: string) {
    this.version = file.version;
    this.nationalities = new DatedEntries(fileName, 'nationalities', file.nationalities, (entry) => entry.country);
    this.situations = new DatedEntries(fileName, 'situations', file.situations, (entry) => entry.code);
  }

  /**
   * Nationality decides first (DOMAIN.md §2.6); else the first claimed situation in force whose conditions all
   * hold. A situation without its conditions (a Schengen permit without a recognised sponsor) exempts nobody.
   */
  requirement(applicant: MvvApplicant, on: string): MvvRequirement {
    const byNationality = this.nationalities.on(on, applicant.nationality);
    if (byNationality) return { required: false, ground: { kind: 'NATIONALITY', code: byNationality.ground }, version: this.version };
    const facts = new Set(applicant.facts ?? []);
    for (const claimed of applicant.situations ?? []) {
      const situation = this.situations.on(on, claimed);
      if (situation && situation.conditions.every((condition) => facts.has(condition)))
        return { required: false, ground: { kind: 'SITUATION', code: situation.code }, version: this.version };
    }
    return { required: true, version: this.version };
  }
}

export function parseMvvExemptionReference(json: unknown): MvvExemptionReference {
  return new MvvExemptionReference(parseReferenceFile(mvvExemptionsSchema, json, MVV_EXEMPTIONS_FILE), MVV_EXEMPTIONS_FILE);
}

export function readMvvExemptionReference(filePath: string): MvvExemptionReference {
  return new MvvExemptionReference(readReferenceFile(mvvExemptionsSchema, filePath), filePath);
}

/** The table shipped in `libs/reference-data/tables`. */
export function bundledMvvExemptionReference(): MvvExemptionReference {
  return parseMvvExemptionReference(bundledMvvExemptions);
}
