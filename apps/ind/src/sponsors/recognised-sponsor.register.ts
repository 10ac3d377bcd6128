import { z } from 'zod';
import { DomainError } from '@welkom/errors';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { isIsoDate, type IsoDate } from '@welkom/platform';
import { isValidOn, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields, validityProblems } from '@welkom/reference-data';
import { isOin, KVK_NUMBER_PATTERN, OIN_PATTERN } from '@welkom/validation';
import bundledRecognisedSponsors from '../../reference/recognised-sponsors.json';

export const RECOGNISED_SPONSORS_FILE = 'recognised-sponsors.json';

/** The four parts of the IND public register (DOMAIN.md §2.3); names as in the evidence contract's SponsorRegister. */
export const SPONSOR_REGISTERS = [
  'AU_PAIR_AND_EXCHANGE',
  'EDUCATIONAL_INSTITUTIONS',
  'REGULAR_LABOUR_AND_HIGHLY_SKILLED_MIGRANTS',
  'RESEARCHERS',
] as const;
export type SponsorRegister = (typeof SPONSOR_REGISTERS)[number];

/** What a sponsor can be recognised for; each register covers one or more purposes. */
export const SPONSOR_PURPOSES = [
  'STUDY',
  'RESEARCH',
  'HIGHLY_SKILLED_MIGRANT',
  'EU_BLUE_CARD',
  'REGULAR_LABOUR',
  'EXCHANGE',
  'AU_PAIR',
] as const;
export type SponsorPurpose = (typeof SPONSOR_PURPOSES)[number];

/** The party roles a register file may name as filing roles: the contract's roles that can act as sponsor. */
const FILING_ROLE_NAMES = ['RECOGNISED_SPONSOR', 'EMPLOYER', 'UNIVERSITY', 'RESEARCH_ORGANISATION'] as const;

// Logius: organisations in the trade register get 00000003 + KvK number + 0000.
const TRADE_REGISTER_OIN = /^00000003(\d{8})0000$/;

const recognitionSchema = z.object({
  register: z.enum(SPONSOR_REGISTERS),
  ...validityFields,
});

const sponsorSchema = z.object({
  oin: z.string().regex(OIN_PATTERN, 'expected a 20-digit OIN'),
  kvkNumber: z.string().regex(KVK_NUMBER_PATTERN, 'expected an 8-digit KvK number'),
  name: z.string().min(1),
  recognitions: z.array(recognitionSchema),
});

const registerReferenceSchema = referenceFileSchema({
  source: sourceSchema,
  // Enum-keyed records are exhaustive in zod 4: all four registers must be described.
  registers: z.record(
    z.enum(SPONSOR_REGISTERS),
    z.object({ label: z.string().min(1), purposes: z.array(z.enum(SPONSOR_PURPOSES)).min(1) }),
  ),
  permitCategoryPurposes: z.object({ byCategory: z.partialRecord(z.enum(PermitCategory), z.enum(SPONSOR_PURPOSES)) }),
  // Party roles (as in deploy/parties, without the PARTY_ROLE_ prefix) that make a caller a sponsor at all.
  filingRoles: z.object({
    roles: z.array(z.enum(FILING_ROLE_NAMES)).min(1),
    source: sourceSchema,
  }),
  sponsors: z.array(sponsorSchema),
});

export type RecognisedSponsorReference = z.infer<typeof registerReferenceSchema>;
export type RecognisedSponsorEntry = z.infer<typeof sponsorSchema>;
export type Recognition = z.infer<typeof recognitionSchema>;

/**
 * Parses the register and checks it as a register: one entry per OIN and per KvK number, an OIN that
 * carries the KvK number it claims, and no overlapping periods in one register (a sponsor is recognised or
 * not on a given day; two periods would make withdrawal ambiguous).
 */
export function parseRecognisedSponsorReference(json: unknown): RecognisedSponsorReference {
  return parseReferenceFile(registerReferenceSchema, json, RECOGNISED_SPONSORS_FILE, registerProblems);
}

function registerProblems(reference: RecognisedSponsorReference): string[] {
  const problems: string[] = [];
  const purposeOwners = new Map<SponsorPurpose, SponsorRegister>();
  for (const register of SPONSOR_REGISTERS) {
    for (const purpose of reference.registers[register].purposes) {
      const owner = purposeOwners.get(purpose);
      if (owner !== undefined) problems.push(`registers: purpose ${purpose} is in both ${owner} and ${register}`);
      purposeOwners.set(purpose, register);
    }
  }
  const oins = new Set<string>();
  const kvkNumbers = new Set<string>();
  reference.sponsors.forEach((sponsor, index) => {
    const where = `sponsors[${index}] (${sponsor.name})`;
    if (oins.has(sponsor.oin)) problems.push(`${where}: OIN ${sponsor.oin} appears twice`);
    if (kvkNumbers.has(sponsor.kvkNumber)) problems.push(`${where}: KvK number ${sponsor.kvkNumber} appears twice`);
    oins.add(sponsor.oin);
    kvkNumbers.add(sponsor.kvkNumber);
    const embedded = TRADE_REGISTER_OIN.exec(sponsor.oin)?.[1];
    if (embedded !== undefined && embedded !== sponsor.kvkNumber) {
      problems.push(`${where}: OIN ${sponsor.oin} carries KvK number ${embedded}, not ${sponsor.kvkNumber}`);
    }
    // A sponsor is recognised in a register or not on a given day; two periods would make withdrawal ambiguous.
    problems.push(...validityProblems(`${where} .recognitions`, sponsor.recognitions, (recognition) => recognition.register));
  });
  return problems;
}

/** The answer to "may this organisation sponsor this purpose on this day", with what it rests on. */
export interface SponsorRecognition {
  readonly recognised: boolean;
  readonly register?: SponsorRegister;
  readonly validFrom?: IsoDate;
  readonly validTo?: IsoDate | null;
}

/**
 * The IND's register of recognised sponsors (erkend referent): the organisations that may file applications
 * for a purpose, and during which days. Unknown organisations are not recognised; nothing is assumed.
 */
export class RecognisedSponsorRegister {
  readonly version: string;
  private readonly byOin: ReadonlyMap<string, RecognisedSponsorEntry>;
  private readonly byKvkNumber: ReadonlyMap<string, RecognisedSponsorEntry>;
  private readonly registerOfPurpose: ReadonlyMap<SponsorPurpose, SponsorRegister>;

  constructor(private readonly reference: RecognisedSponsorReference) {
    this.version = reference.version;
    this.byOin = new Map(reference.sponsors.map((s) => [s.oin, s]));
    this.byKvkNumber = new Map(reference.sponsors.map((s) => [s.kvkNumber, s]));
    this.registerOfPurpose = new Map(
      SPONSOR_REGISTERS.flatMap((register) => reference.registers[register].purposes.map((p) => [p, register] as const)),
    );
  }

  isRecognisedFor(oin: string, purpose: SponsorPurpose, onDate: IsoDate): boolean {
    return this.recognitionOf(oin, purpose, onDate).recognised;
  }

  recognitionOf(oin: string, purpose: SponsorPurpose, onDate: IsoDate): SponsorRecognition {
    const violations = [
      ...(typeof oin === 'string' && isOin(oin) ? [] : [{ field: 'oin', description: 'expected a 20-digit OIN' }]),
      ...(SPONSOR_PURPOSES.includes(purpose) ? [] : [{ field: 'purpose', description: `unknown purpose ${String(purpose)}` }]),
      ...(typeof onDate === 'string' && isIsoDate(onDate) ? [] : [{ field: 'onDate', description: 'expected an ISO date YYYY-MM-DD' }]),
    ];
    if (violations.length > 0) throw DomainError.invalidArgument(violations, 'INVALID_SPONSOR_QUERY');
    const register = this.registerOfPurpose.get(purpose);
    const sponsor = this.byOin.get(oin);
    if (register === undefined || sponsor === undefined) return { recognised: false };
    const period = sponsor.recognitions.find((r) => r.register === register && isValidOn(r, onDate));
    if (period === undefined) return { recognised: false, register };
    return { recognised: true, register, validFrom: period.validFrom, validTo: period.validTo };
  }

  findByOin(oin: string): RecognisedSponsorEntry | undefined {
    return this.byOin.get(oin);
  }

  findByKvkNumber(kvkNumber: string): RecognisedSponsorEntry | undefined {
    return this.byKvkNumber.get(kvkNumber);
  }

  /**
   * Whether a party with these roles (from the party list) is a sponsor at all and so may file. Recognition
   * for the category is a separate question, answered on the day of receipt and of decision.
   */
  isSponsorParty(roles: ReadonlySet<PartyRole>): boolean {
    return this.reference.filingRoles.roles.some((role) => roles.has(PartyRole[`PARTY_ROLE_${role}`]));
  }

  /** The recognition a sponsor needs to file in this category; undefined where no sponsor files. */
  purposeForCategory(category: PermitCategory): SponsorPurpose | undefined {
    return this.reference.permitCategoryPurposes.byCategory[category];
  }
}

export function bundledRecognisedSponsorRegister(): RecognisedSponsorRegister {
  return new RecognisedSponsorRegister(parseRecognisedSponsorReference(bundledRecognisedSponsors));
}
