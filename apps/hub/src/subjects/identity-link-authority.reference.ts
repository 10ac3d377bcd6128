import { z } from 'zod';
import { PartyRole } from '@welkom/contracts/generated/welkom/common/v1/party';
import { DatedEntries, readReferenceFile, referenceFileSchema, sourceSchema, validityFields } from '@welkom/reference-data';
import { LINKABLE_KINDS, type LinkableKind } from './subject-link';

const KNOWN_ROLES = new Set<string>(Object.values(PartyRole));

export const identityLinkAuthoritiesSchema = referenceFileSchema({
  authorities: z.array(
    z
      .object({
        identifierKind: z.enum(LINKABLE_KINDS as [LinkableKind, ...LinkableKind[]]),
        roles: z.array(z.string().refine((role) => KNOWN_ROLES.has(`PARTY_ROLE_${role}`), 'is not a party role')).min(1),
        ...validityFields,
        source: sourceSchema,
      })
      .strict(),
  ),
});

type AuthorityEntry = z.infer<typeof identityLinkAuthoritiesSchema>['authorities'][number];

/**
 * Who may link an identifier of a kind (deploy/hub/identity-link-authorities.v1.json): the authority that
 * assigns or checks it, never a constant in code. Looked up by the day of the link; the audit entry names the
 * table version.
 */
export class IdentityLinkAuthorities {
  private readonly entries: DatedEntries<AuthorityEntry>;

  constructor(
    readonly version: string,
    authorities: readonly AuthorityEntry[],
  ) {
    this.entries = new DatedEntries('identity-link-authorities.v1.json', 'authorities', authorities, (entry) => entry.identifierKind);
  }

  /** The roles (as PartyRole values) that may link `kind` on `day` (YYYY-MM-DD); none when no entry applies. */
  rolesFor(kind: LinkableKind, day: string): string[] {
    return (this.entries.on(day, kind)?.roles ?? []).map((role) => `PARTY_ROLE_${role}`);
  }
}

export function readIdentityLinkAuthorities(filePath: string): IdentityLinkAuthorities {
  const file = readReferenceFile(identityLinkAuthoritiesSchema, filePath);
  return new IdentityLinkAuthorities(file.version, file.authorities);
}
