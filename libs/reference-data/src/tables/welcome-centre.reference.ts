import { z } from 'zod';
import { DatedEntries } from '../dated-entries';
import { parseReferenceFile, readReferenceFile } from '../reference-file.loader';
import { referenceFileSchema, sourceSchema, validityFields } from '../reference-file.schema';
import bundledWelcomeCentres from '../../tables/welcome-centres.v1.json';

/**
 * Where arrivals are received (DOMAIN.md §2.7), shared: the IND checks the collection point an application names,
 * consular posts tell the arrival where to collect the permit, RVO refers arrivals to their regional centre.
 */
export const WELCOME_CENTRES_FILE = 'welcome-centres.v1.json';

const code = z.string().regex(/^[a-z0-9][a-z0-9-]{1,62}$/, 'expected a code callers can name (a-z, 0-9, -)');
const municipality = z.string().min(2);

const centreSchema = z.object({
  code,
  name: z.string().min(3),
  municipality,
  /** The IND sits at the centre: biometrics and residence-document collection happen there. */
  indDesk: z.boolean(),
  catchment: z.array(municipality).min(1, 'expected at least the centre’s own municipality'),
  ...validityFields,
  source: sourceSchema,
});

const indDeskSchema = z.object({ code, name: z.string().min(3), municipality, ...validityFields, source: sourceSchema });

export const welcomeCentresSchema = referenceFileSchema({
  centres: z.array(centreSchema).min(1),
  indDesks: z.array(indDeskSchema),
});

export type WelcomeCentreFile = z.infer<typeof welcomeCentresSchema>;
export type WelcomeCentre = z.infer<typeof centreSchema>;
export type IndDesk = z.infer<typeof indDeskSchema>;

/** Where a residence document can be collected: an expat centre with an IND desk, or an IND desk on its own. */
export interface CollectionPoint {
  readonly code: string;
  readonly name: string;
  readonly municipality: string;
  readonly kind: 'WELCOME_CENTRE' | 'IND_DESK';
}

/** The welcome-centre table, with its lookups by reference date. */
export class WelcomeCentreReference {
  readonly version: string;
  private readonly centres: DatedEntries<WelcomeCentre>;
  private readonly desks: DatedEntries<IndDesk>;

  constructor(file: WelcomeCentreFile, fileName: string) {
    this.version = file.version;
    this.centres = new DatedEntries(fileName, 'centres', file.centres, (centre) => centre.code);
    this.desks = new DatedEntries(fileName, 'indDesks', file.indDesks, (desk) => desk.code);
  }

  centre(centreCode: string, on: string): WelcomeCentre | undefined {
    return this.centres.on(on, centreCode);
  }

  /** Every centre in the table on `on`, in file order. */
  centresOn(on: string): WelcomeCentre[] {
    return this.centres.all().filter((centre) => this.centres.on(on, centre.code) === centre);
  }

  /** The centre whose catchment holds `municipalityName` on `on` (case-insensitive), if any. */
  centreServing(municipalityName: string, on: string): WelcomeCentre | undefined {
    const wanted = municipalityName.trim().toLocaleLowerCase('nl');
    return this.centres
      .all()
      .find((centre) => this.centres.on(on, centre.code) === centre && centre.catchment.some((m) => m.toLocaleLowerCase('nl') === wanted));
  }

  /** The collection point named `pointCode` on `on`: a centre with an IND desk, or an IND desk; else undefined. */
  collectionPoint(pointCode: string, on: string): CollectionPoint | undefined {
    const centre = this.centres.on(on, pointCode);
    if (centre?.indDesk) return { code: centre.code, name: centre.name, municipality: centre.municipality, kind: 'WELCOME_CENTRE' };
    const desk = this.desks.on(on, pointCode);
    return desk && { code: desk.code, name: desk.name, municipality: desk.municipality, kind: 'IND_DESK' };
  }
}

/** What the schema cannot check: a code used by both a centre and a desk, and a municipality in two catchments. */
function welcomeCentreProblems(file: WelcomeCentreFile): string[] {
  const problems: string[] = [];
  const centreCodes = new Set(file.centres.map((centre) => centre.code));
  file.indDesks.forEach((desk, index) => {
    if (centreCodes.has(desk.code)) problems.push(`indDesks[${index}] (${desk.code}) .code: also names a centre`);
  });
  const servedBy = new Map<string, string>();
  file.centres.forEach((centre, index) => {
    for (const member of centre.catchment) {
      const key = member.toLocaleLowerCase('nl');
      const other = servedBy.get(key);
      if (other !== undefined && other !== centre.code) {
        problems.push(`centres[${index}] (${centre.code}) .catchment: ${member} is already in the catchment of ${other}`);
      }
      servedBy.set(key, centre.code);
    }
  });
  return problems;
}

export function parseWelcomeCentreReference(json: unknown): WelcomeCentreReference {
  return new WelcomeCentreReference(
    parseReferenceFile(welcomeCentresSchema, json, WELCOME_CENTRES_FILE, welcomeCentreProblems),
    WELCOME_CENTRES_FILE,
  );
}

/** A welcome-centre table from disk (another deployment's, or a copy under test). */
export function readWelcomeCentreReference(filePath: string): WelcomeCentreReference {
  return new WelcomeCentreReference(readReferenceFile(welcomeCentresSchema, filePath, welcomeCentreProblems), filePath);
}

/** The table shipped in `libs/reference-data/tables`. */
export function bundledWelcomeCentreReference(): WelcomeCentreReference {
  return parseWelcomeCentreReference(bundledWelcomeCentres);
}
