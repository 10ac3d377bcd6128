import { z } from 'zod';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { PermitCategory } from '@welkom/contracts/generated/welkom/ind/v1/application_status';
import { DatedEntries, parseReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import type { IsoDate } from '@welkom/platform';
import filingChannelsJson from '../../reference/filing-channels.v1.json';

export const FILING_CHANNELS_FILE = 'filing-channels.v1.json';

/** Categories whose applicant files himself (DOMAIN.md §1.1); every other category is filed by a sponsor. */
export const SELF_APPLIED_CATEGORIES = [
  PermitCategory.PERMIT_CATEGORY_ORIENTATION_YEAR,
  PermitCategory.PERMIT_CATEGORY_START_UP,
  PermitCategory.PERMIT_CATEGORY_SELF_EMPLOYED,
] as const;
export type SelfAppliedCategory = (typeof SELF_APPLIED_CATEGORIES)[number];

const CHANNEL_ROLE_NAMES = ['IND', 'RVO', 'UNIVERSITY'] as const;

const versionSchema = z.object({
  ...validityFields,
  channels: z
    .array(z.object({ category: z.enum(SELF_APPLIED_CATEGORIES), roles: z.array(z.enum(CHANNEL_ROLE_NAMES)).min(1), source: sourceSchema }))
    .min(1),
  source: sourceSchema,
});

const filingChannelsSchema = referenceFileSchema({ versions: z.array(versionSchema).min(1) });

type FilingChannelsVersion = z.infer<typeof versionSchema>;

export function isSelfAppliedCategory(category: PermitCategory): category is SelfAppliedCategory {
  return (SELF_APPLIED_CATEGORIES as readonly PermitCategory[]).includes(category);
}

/** Which parties carry a self-applicant's filing to the IND, by the day of receipt. */
export class FilingChannels {
  constructor(
    readonly version: string,
    private readonly versions: DatedEntries<FilingChannelsVersion>,
  ) {}

  /** The party roles that may carry a filing of this category on this day; none when no version is in force. */
  rolesFor(category: SelfAppliedCategory, on: IsoDate): PartyRole[] {
    const channel = this.versions.on(on)?.channels.find((entry) => entry.category === category);
    return (channel?.roles ?? []).map((role) => PartyRole[`PARTY_ROLE_${role}`]);
  }
}

export function parseFilingChannels(json: unknown): FilingChannels {
  const file = parseReferenceFile(filingChannelsSchema, json, FILING_CHANNELS_FILE);
  return new FilingChannels(file.version, new DatedEntries(FILING_CHANNELS_FILE, 'versions', file.versions));
}

export function bundledFilingChannels(): FilingChannels {
  return parseFilingChannels(filingChannelsJson);
}
